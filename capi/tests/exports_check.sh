#!/bin/sh
# libardent exports exactly the functions ardent.h declares: nothing of the engine, fmt, Boost,
# OpenSSL or the C++ runtime leaks, and nothing declared is missing.
#   exports_check.sh <built libardent.so.N> <ardent.h>
set -eu
lib=$1
header=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Defined dynamic symbols, without the version node (type A) and without @VERSION suffixes.
nm -D --defined-only "$lib" | awk '$2 != "A" {print $2, $3}' | sed 's/@.*//' | sort > "$tmp/all"
awk '{print $2}' "$tmp/all" | sort -u > "$tmp/exported"
grep -E '^ARDENT_API ' "$header" | sed -E 's/.*[ *](ardent_[a-z0-9_]+)\(.*/\1/' | sort -u > "$tmp/declared"

status=0
if grep -v '^T ardent_' "$tmp/all" > "$tmp/stray"; then
  echo "exports_check: exported symbols that are not ardent_* functions:"; cat "$tmp/stray"; status=1
fi
if ! diff -u "$tmp/declared" "$tmp/exported" > "$tmp/diff"; then
  echo "exports_check: ardent.h and the library disagree (- declared only, + exported only):"
  cat "$tmp/diff"; status=1
fi
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
case "$soname" in
  libardent.so.[0-9]*) ;;
  *) echo "exports_check: unexpected SONAME '$soname'"; status=1 ;;
esac
[ "$status" -eq 0 ] && echo "exports_check: $(wc -l < "$tmp/exported") ardent_* functions exported, nothing else; SONAME $soname"
exit $status
