#!/bin/sh
# Installs the build into a temporary prefix and builds a small C consumer against it twice:
# with pkg-config and with find_package(Ardent). Checks the installed files and links too.
#   install_test.sh <cmake build dir> <consumer source dir> [extra C flags, e.g. sanitizers]
set -eu
build=$1
consumer=$2
extra=${3:-}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

cmake --install "$build" --prefix "$prefix" --component Runtime >/dev/null
cmake --install "$build" --prefix "$prefix" --component Development >/dev/null

fail() { echo "install_test: $*" >&2; exit 1; }
[ -f "$prefix/include/ardent.h" ] || fail "ardent.h not installed"
pc=$(find "$prefix" -name ardent.pc | head -n 1)
[ -n "$pc" ] || fail "ardent.pc not installed"
libdir=$(dirname "$(dirname "$pc")")
real=$(find "$libdir" -maxdepth 1 -type f -name 'libardent.so.*' | head -n 1)
[ -n "$real" ] || fail "libardent.so.<version> not installed in $libdir"
[ "$(readlink "$libdir/libardent.so")" = libardent.so.1 ] || fail "libardent.so does not link to libardent.so.1"
[ "$(readlink "$libdir/libardent.so.1")" = "$(basename "$real")" ] || fail "libardent.so.1 does not link to $(basename "$real")"
[ -f "$libdir/cmake/Ardent/ArdentConfig.cmake" ] || fail "CMake package not installed"
echo "install_test: installed $(basename "$real") with links, ardent.h, ardent.pc and the CMake package"

# 1. pkg-config, from a moved copy of the prefix: the .pc file must be relocatable.
mv "$prefix" "$tmp/moved"
prefix="$tmp/moved"
libdir=$(echo "$libdir" | sed "s|$tmp/prefix|$prefix|")
export PKG_CONFIG_PATH="$libdir/pkgconfig"
version=$(pkg-config --modversion ardent)
[ "$version" = "0.1.0" ] || fail "pkg-config reports version '$version'"
# shellcheck disable=SC2046,SC2086
$cc -std=c99 -Wall -Wextra -pedantic -Werror $extra $(pkg-config --cflags ardent) "$consumer/consumer.c" \
    $(pkg-config --libs ardent) -Wl,-rpath,"$libdir" -o "$tmp/consumer_pc"
"$tmp/consumer_pc" || fail "the pkg-config consumer failed"
echo "install_test: pkg-config consumer OK"

# 2. find_package(Ardent).
generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
# shellcheck disable=SC2086
cmake -S "$consumer" -B "$tmp/build" $generator -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$extra" -DCMAKE_EXE_LINKER_FLAGS="$extra" >/dev/null
cmake --build "$tmp/build" >/dev/null
"$tmp/build/consumer" || fail "the find_package consumer failed"
echo "install_test: find_package consumer OK"
