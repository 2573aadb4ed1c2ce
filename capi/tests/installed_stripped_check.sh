#!/bin/sh
# The installed library is stripped, carries a debug link to its debug file installed beside it
# (which holds the DWARF), and stays under a size bound, so that growth is noticed.
#   installed_stripped_check.sh <cmake build dir> <maximum size in bytes>
set -eu
build=$1
max=$2
fail() { echo "installed_stripped_check: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp" --component Runtime >/dev/null
cmake --install "$build" --prefix "$tmp" --component Debug >/dev/null
lib=$(find "$tmp" -type f -name 'libardent.so.*' ! -name '*.debug' | head -n 1)
[ -n "$lib" ] || fail "no libardent.so.<version> installed"
debug=$lib.debug
[ -f "$debug" ] || fail "no debug file $(basename "$debug") beside the library"

sections=$(objdump -h "$lib")
echo "$sections" | grep -q '\.debug_info' && fail "$(basename "$lib") is not stripped"
echo "$sections" | grep -q '\.symtab' && fail "$(basename "$lib") keeps a static symbol table"
link=$(objcopy --dump-section .gnu_debuglink="$tmp/link" "$lib" /dev/null 2>/dev/null && tr -d '\0' < "$tmp/link" | head -c 200 | tr -cd '[:print:]')
case "$link" in
  "$(basename "$debug")"*) ;;
  *) fail "debug link of $(basename "$lib") is '$link', not $(basename "$debug")" ;;
esac
objdump -h "$debug" | grep -q '\.debug_info' || fail "$(basename "$debug") holds no DWARF"

size=$(stat -c %s "$lib")
[ "$size" -le "$max" ] || fail "$(basename "$lib") is $size bytes, over the bound of $max"
echo "installed_stripped_check: $(basename "$lib") $size bytes (bound $max), debug file $(stat -c %s "$debug") bytes"
