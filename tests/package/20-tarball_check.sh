#!/usr/bin/env bash
# The tarball of dist/ unpacked in a scratch folder: its library stripped with the debug file
# beside it, and a consumer built against it with find_package(Ardent) (capi/tests/consumer) and
# with pkg-config.
#   tests/package/20-tarball_check.sh DIST
set -euo pipefail
dist=$(cd "${1:?usage: 20-tarball_check.sh DIST}" && pwd)
cd "$(dirname "$0")/../.."
fail() { echo "20-tarball_check: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tarball=$(find "$dist" -maxdepth 1 -name 'ardent-*-linux-*.tar.gz' | head -n 1)
[ -n "$tarball" ] || fail "no ardent-*-linux-*.tar.gz in $dist"
tar -C "$tmp" -xzf "$tarball"
prefix=$tmp/$(basename "$tarball" .tar.gz)
[ -d "$prefix" ] || fail "$(basename "$tarball") does not unpack into $(basename "$prefix")/"
echo "20-tarball_check: $(basename "$tarball") $(stat -c %s "$tarball") bytes"

pc=$(find "$prefix" -name ardent.pc | head -n 1)
[ -n "$pc" ] || fail "no ardent.pc in the tarball"
libdir=$(dirname "$(dirname "$pc")")
real=$(find "$libdir" -maxdepth 1 -type f -name 'libardent.so.*' ! -name '*.debug' | head -n 1)
[ -n "$real" ] || fail "no libardent.so.<version> in the tarball"
objdump -h "$real" | grep -q '\.debug_info' && fail "$(basename "$real") is not stripped"
[ -f "$real.debug" ] || fail "no $(basename "$real").debug beside the library"
[ -x "$prefix/bin/ardent" ] || fail "no bin/ardent in the tarball"

# find_package(Ardent) from the unpacked tree.
generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
# shellcheck disable=SC2086
cmake -S capi/tests/consumer -B "$tmp/build" $generator -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/build" >/dev/null
"$tmp/build/consumer" || fail "the find_package consumer failed"
echo "20-tarball_check: find_package(Ardent) consumer OK"

# pkg-config, and the C example on rules/hip.
export PKG_CONFIG_PATH=$libdir/pkgconfig
# shellcheck disable=SC2046
${CC:-cc} -std=c99 -Wall -Wextra -Werror $(pkg-config --cflags ardent) examples/c/triage.c \
  $(pkg-config --libs ardent) -Wl,-rpath,"$libdir" -o "$tmp/triage"
"$tmp/triage" rules/hip | grep -q '^Triage: ' || fail "triage on rules/hip printed no triage"
echo "20-tarball_check: pkg-config build of examples/c/triage.c runs rules/hip"
