#!/usr/bin/env bash
# The Windows zip as a vendor uses it: unpacked into an empty folder, the example built with
# MinGW-w64 against its header and import library alone, and run under Wine beside its
# ardent.dll on rules/hip. Skips when dist/ has no Windows zip (scripts/package.sh without --windows).
#   windows_zip_check.sh DIST
set -euo pipefail
dist=$(cd "${1:?usage: windows_zip_check.sh DIST}" && pwd)
cd "$(dirname "$0")/../.."
shopt -s nullglob
zips=("$dist"/ardent-*-windows-x86_64.zip)
if [ ${#zips[@]} -eq 0 ]; then
  echo "windows_zip_check: skipped (no Windows zip: scripts/package.sh --windows makes it)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "${zips[0]}" -d "$work"
root=$(echo "$work"/ardent-*-windows-x86_64)
for f in bin/ardent.dll lib/libardent.dll.a lib/ardent.def include/ardent.h examples/c/triage.c README.txt; do
  [ -f "$root/$f" ] || { echo "windows_zip_check: the zip lacks $f"; exit 1; }
done
x86_64-w64-mingw32-gcc-posix -std=c99 -Wall -Werror -I"$root/include" "$root/examples/c/triage.c" \
  "$root/lib/libardent.dll.a" -o "$root/bin/triage.exe"
tests/windows/imports_check.sh "$root/bin/ardent.dll"
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
export WINEPREFIX=$PWD/build-win/wineprefix WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
out=$("$wine" "$root/bin/triage.exe" rules/hip | tr -d '\r')
echo "$out" | grep -E '^Triage: [a-z_]+' || { echo "$out"; echo "windows_zip_check: no triage"; exit 1; }
echo "windows_zip_check: $(basename "${zips[0]}") ($(stat -c %s "${zips[0]}") bytes) builds and runs the example"
