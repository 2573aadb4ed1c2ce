#!/usr/bin/env bash
# Packaging step: the npm tarball of bindings/node with the library inside, in a folder per
# platform as koffi ships its own binaries: native/linux-x64/libardent.so.1, and with
# ARDENT_WINDOWS=1 native/win32-x64/ardent.dll from the Windows build. koffi stays a dependency
# that `npm install` fetches. The version is the library's (ardent.h).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/package/stage.sh

library=$(stage_library)
version=$(stage_version)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r bindings/node/package.json bindings/node/README.md bindings/node/index.cjs \
  bindings/node/index.mjs bindings/node/index.d.ts bindings/node/lib "$work/"
mkdir -p "$work/native/linux-x64"
cp "$library" "$work/native/linux-x64/libardent.so.1"   # under its SONAME, as lib/native.cjs loads it
if [ "$ARDENT_WINDOWS" = 1 ]; then
  dll=build-win/capi/ardent.dll
  [ -f "$dll" ] || { echo "40-npm.sh: --windows, but there is no $dll (scripts/build.sh --windows)" >&2; exit 1; }
  mkdir -p "$work/native/win32-x64"
  cp "$dll" "$work/native/win32-x64/ardent.dll"
fi

(cd "$work" && npm pkg set "version=$version" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball=$work/ardent-$version.tgz
[ -f "$tarball" ] || { echo "40-npm.sh: npm pack wrote no ardent-$version.tgz" >&2; exit 1; }
tar -tzf "$tarball" | grep -x 'package/native/linux-x64/libardent.so.1' >/dev/null \
  || { echo "40-npm.sh: the tarball lacks native/linux-x64/libardent.so.1" >&2; exit 1; }
cp "$tarball" "$ARDENT_DIST/"
echo "40-npm.sh: ${tarball##*/} ($(du -k "$tarball" | cut -f1) KiB)"
