#!/usr/bin/env bash
# Configures and builds Ardent. Usage: scripts/build.sh [--sanitize|--tsan] [targets...]
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=()
case "${1:-}" in
  --sanitize) dir=build-asan; flags+=(-DARDENT_SANITIZE=ON -DARDENT_BUILD_BENCH=OFF); shift ;;
  --tsan) dir=build-tsan; flags+=(-DARDENT_TSAN=ON -DARDENT_BUILD_BENCH=OFF); shift ;;
esac

if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >/dev/null
fi
ninja -C "$dir" "$@"
