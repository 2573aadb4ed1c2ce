#!/bin/sh
# Writes ardent.def, the export list of ardent.dll, from the one list of what the library exports:
# capi/ardent.map (the Linux version script). Its global patterns are applied to the functions
# ardent.h declares, as the linker applies them on Linux, so both platforms export the same names.
#   def_from_map.sh <ardent.map> <ardent.h>  > ardent.def
set -eu
set -f  # the patterns are globs for names, not for files
map=$1
header=$2

# The patterns between "global:" and "local:", e.g. "ardent_*".
patterns=$(sed -n '/global:/,/local:/p' "$map" | sed -e 's/global://' -e 's/local:.*//' -e 's/;/ /g' | tr -s ' \n' '  ')
[ -n "$(echo "$patterns" | tr -d ' ')" ] || { echo "def_from_map: no global patterns in $map" >&2; exit 1; }

echo "LIBRARY ardent.dll"
echo "EXPORTS"
grep -E '^ARDENT_API ' "$header" | sed -E 's/.*[ *](ardent_[a-z0-9_]+)\(.*/\1/' | sort -u | while read -r name; do
  for p in $patterns; do
    # shellcheck disable=SC2254  # the pattern is a glob on purpose
    case "$name" in $p) echo "  $name"; break ;; esac
  done
done
