#!/usr/bin/env bash
# Installs the Python wheel of DIST as its user would and runs the binding's tests against it:
# a fresh virtual environment, `pip install --no-index` (nothing fetched), then the tests copied
# to a scratch folder outside the source tree, with ARDENT_LIBRARY unset. Fails unless the
# package and the library it loads are the ones the wheel installed.
# Usage: tests/package/30-wheel_check.sh DIST
set -euo pipefail
dist=$(cd "${1:?usage: 30-wheel_check.sh DIST}" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
start=$SECONDS
fail() { echo "30-wheel_check.sh: $*" >&2; exit 1; }

shopt -s nullglob
wheels=("$dist"/ardent-*.whl)
[ ${#wheels[@]} = 1 ] || fail "expected one ardent-*.whl in $dist, found ${#wheels[@]}"
wheel=${wheels[0]}
case "${wheel##*/}" in *-py3-none-linux_x86_64.whl) ;; *) fail "not tagged py3-none-linux_x86_64: ${wheel##*/}" ;; esac

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# --system-site-packages: the pandas test uses the system's pandas (Debian: python3-pandas).
python3 -m venv --system-site-packages "$scratch/venv"
python=$scratch/venv/bin/python
"$python" -m pip install --quiet --no-index --no-cache-dir "$wheel"

unset ARDENT_LIBRARY
export PYTHONDONTWRITEBYTECODE=1
cd "$scratch"
site=$(readlink -f "$("$python" -c 'import sysconfig; print(sysconfig.get_path("platlib"))')")
read -r package library < <("$python" -c 'import ardent; print(ardent.__file__, ardent.library_path)')
[ "$(readlink -f "$package")" = "$site/ardent/__init__.py" ] || fail "imported $package, not the installed $site/ardent"
[ "$(readlink -f "$library")" = "$site/ardent/libardent.so.1" ] \
  || fail "loaded $library, not the bundled $site/ardent/libardent.so.1"

# The tests, outside the source tree; they read its rule sets ($ARDENT_SOURCE_DIR). The store
# tests publish with the staged command line when there is one.
cp -r "$repo/bindings/python/tests" "$scratch/tests"
export ARDENT_SOURCE_DIR=$repo
[ -x "$dist/stage/bin/ardent" ] && export ARDENT_CLI=$dist/stage/bin/ardent
"$python" -m unittest discover -s tests -t .
echo "30-wheel_check.sh: ${wheel##*/} installed and passed the binding's tests ($((SECONDS - start)) s)"
