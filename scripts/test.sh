#!/usr/bin/env bash
# Sets up a fresh Debian machine when something is missing, builds Ardent and runs every test.
# Usage: scripts/test.sh [--sanitize|--tsan]   (sanitizer builds go to build-asan / build-tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
mode="${1:-}"
scripts/build.sh $mode

dir=build
[ "$mode" = "--sanitize" ] && dir=build-asan
[ "$mode" = "--tsan" ] && dir=build-tsan

ctest --test-dir "$dir" --output-on-failure -j2

# The shipped rule set must stay clean and fully tested.
"$dir/ardent" check --werror rules/hip
if "$dir/ardent" test --help >/dev/null 2>&1; then
  "$dir/ardent" test rules/hip --coverage-min 100
fi
echo "test.sh: all tests passed ($dir)"
