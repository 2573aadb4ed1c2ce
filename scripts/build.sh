#!/usr/bin/env bash
# Configures and builds Ardent. Usage: scripts/build.sh [--sanitize|--tsan|--fuzz|--windows] [targets...]
# (--fuzz: clang; target fuzz_all builds the libFuzzer targets of tests/fuzz, docs/fuzzing.md;
# --windows: ardent.dll, its C ABI tests and the C example, cross-built with MinGW-w64 into
# build-win, docs/windows.md)
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=()
case "${1:-}" in
  --sanitize) dir=build-asan; flags+=(-DARDENT_SANITIZE=ON -DARDENT_BUILD_BENCH=OFF); shift ;;
  --tsan) dir=build-tsan; flags+=(-DARDENT_TSAN=ON -DARDENT_BUILD_BENCH=OFF); shift ;;
  --fuzz) dir=build-fuzz; shift
    flags+=(-DARDENT_FUZZ=ON -DARDENT_BUILD_TESTS=OFF -DARDENT_BUILD_BENCH=OFF
            -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++) ;;
  --windows) dir=build-win; shift
    flags+=(-DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/mingw-w64-x86_64.cmake") ;;
esac

if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >/dev/null
fi
ninja -C "$dir" "$@"
