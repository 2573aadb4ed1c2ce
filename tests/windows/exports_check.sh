#!/bin/sh
# ardent.dll exports exactly the names libardent.so exports: those of ardent.h that match the
# global patterns of capi/ardent.map (capi/windows/def_from_map.sh), nothing more, nothing less.
#   exports_check.sh <ardent.dll> <capi/ardent.map> <capi/include/ardent.h>
set -eu
dll=$1
map=$2
header=$3
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$here/../../capi/windows/def_from_map.sh" "$map" "$header" | sed -n 's/^  //p' | sort > "$tmp/expected"
# objdump -p prints the export table as "[Ordinal/Name Pointer] Table" rows: "[  n] +base[  o] name".
x86_64-w64-mingw32-objdump -p "$dll" \
  | sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/p' \
  | sed -n 's/^[[:space:]]*\[[[:space:]]*[0-9]*\][[:space:]]*\(+base\[[[:space:]]*[0-9]*\][[:space:]]*\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)$/\2/p' \
  | sort > "$tmp/exported"
[ -s "$tmp/exported" ] || { echo "exports_check: no export table found in $dll"; exit 1; }
if ! diff -u "$tmp/expected" "$tmp/exported" > "$tmp/diff"; then
  echo "exports_check: ardent.map (through ardent.h) and $dll disagree (- expected only, + exported only):"
  cat "$tmp/diff"
  exit 1
fi
echo "exports_check: $(wc -l < "$tmp/exported") ardent_* functions exported by $(basename "$dll"), as ardent.map says"
