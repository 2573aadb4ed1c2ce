#!/usr/bin/env bash
# Installs the npm tarball of DIST as its user would and runs the binding's tests against it: an
# empty scratch folder, `npm install ./ardent-*.tgz` (koffi comes from the npm registry), then
# the tests copied beside it, outside the source tree, with ARDENT_LIBRARY unset. Fails unless
# the package and the library it loads are the ones the tarball installed.
# Usage: tests/package/40-npm_check.sh DIST
set -euo pipefail
dist=$(cd "${1:?usage: 40-npm_check.sh DIST}" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
start=$SECONDS
fail() { echo "40-npm_check.sh: $*" >&2; exit 1; }

shopt -s nullglob
tarballs=("$dist"/ardent-*.tgz)
[ ${#tarballs[@]} = 1 ] || fail "expected one ardent-*.tgz in $dist, found ${#tarballs[@]}"
tarball=${tarballs[0]}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
[ -f node_modules/koffi/package.json ] || fail "npm install did not install koffi"

unset ARDENT_LIBRARY
package=$(node -p "require.resolve('ardent')")
library=$(node -p "require('ardent').libraryPath")
[ "$package" = "$scratch/node_modules/ardent/index.cjs" ] || fail "loaded $package, not the installed package"
[ "$library" = "$scratch/node_modules/ardent/native/linux-x64/libardent.so.1" ] \
  || fail "loaded $library, not the bundled native/linux-x64/libardent.so.1"
node --input-type=module -e "import { libraryPath } from 'ardent'; if (libraryPath !== '$library') process.exit(1);" \
  || fail "the ES module entry loaded another library"

# The tests, outside the source tree: `require('ardent')` finds the installed package; they read
# the source tree's rule sets ($ARDENT_SOURCE_DIR). The tests that publish a registry or read
# audit rows use the staged command line when there is one.
cp -r "$repo/bindings/node/test" "$scratch/test"
export ARDENT_SOURCE_DIR=$repo
[ -x "$dist/stage/bin/ardent" ] && export ARDENT_CLI=$dist/stage/bin/ardent
node --test test/*.test.cjs test/*.test.mjs
echo "40-npm_check.sh: ${tarball##*/} installed and passed the binding's tests ($((SECONDS - start)) s)"
