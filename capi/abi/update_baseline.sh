#!/bin/sh
# Writes the ABI baseline of libardent from a built library (with debug information):
#   capi/abi/update_baseline.sh build/capi/libardent.so.1
# Run it only as capi/README.md says: when the ABI major version changes, or after a reviewed,
# compatible extension that abidiff reports (a field appended to a versioned struct).
set -eu
lib=${1:?usage: update_baseline.sh path/to/libardent.so.N}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ -n "$soname" ] || { echo "update_baseline: $lib has no SONAME" >&2; exit 1; }
readelf -S "$lib" | grep -q '\.debug_info' || { echo "update_baseline: $lib has no debug information (build Debug or RelWithDebInfo)" >&2; exit 1; }
out="$here/$soname.abi"
abidw --exported-interfaces-only --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed \
      --no-parameter-names --type-id-style hash --out-file "$out.tmp" "$lib"
# Translation units are named by absolute path in the debug information; keep the baseline
# free of the machine it was made on.
sed "s|path='$root/|path='|g" "$out.tmp" > "$out"
rm -f "$out.tmp"
echo "update_baseline: wrote $out ($(grep -c '<elf-symbol' "$out") exported functions)"
