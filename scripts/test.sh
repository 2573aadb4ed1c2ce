#!/usr/bin/env bash
# Sets up a fresh Debian machine when something is missing, builds Ardent and runs every test.
# Usage: scripts/test.sh [--sanitize|--tsan|--packages|--windows|--fuzz [--fuzz-seconds N]]
# (sanitizer builds go to
# build-asan / build-tsan; --tsan builds and runs only the tests that use threads; --fuzz builds
# the fuzz targets with clang in build-fuzz, replays each one's corpus, then fuzzes each for N
# seconds, 60 by default: docs/fuzzing.md). --packages builds dist/ (scripts/package.sh) and checks
# each package as its user would install it (tests/package/). --windows cross-builds ardent.dll
# with MinGW-w64 in build-win and runs the C ABI tests and the C example under Wine
# (docs/windows.md).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"

if [ "$mode" = "--fuzz" ]; then
  seconds=60
  if [ "${2:-}" = "--fuzz-seconds" ]; then seconds=${3:?--fuzz-seconds needs a number}; fi
  scripts/setup.sh --fuzz
  scripts/build.sh --fuzz fuzz_all
  tests/fuzz/run_targets.sh build-fuzz "$seconds"
  echo "test.sh: every fuzz target replayed its corpus and ran ${seconds}s without a failure (build-fuzz)"
  exit 0
fi

if [ "$mode" = "--windows" ]; then
  exec scripts/test-windows.sh
fi

if [ "$mode" = "--packages" ]; then
  scripts/setup.sh --packages
  scripts/package.sh
  for check in tests/package/*_check.sh; do
    echo "test.sh: ${check##*/}"
    "$check" dist
  done
  echo "test.sh: every package installed and worked (dist)"
  exit 0
fi

scripts/setup.sh

if [ "$mode" = "--tsan" ]; then
  # ThreadSanitizer: only the tests that run threads (shared rule sets, batches, streams and
  # sliced batches, the per-thread last error, the audit writer, the service's workers, reload
  # and replay cache), which keeps this build small.
  scripts/build.sh --tsan test_capi test_store test_serve
  # Debian's cpp-httplib is a compiled library built without ThreadSanitizer: tests/tsan.supp.
  TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp ${TSAN_OPTIONS:-}" ctest --test-dir build-tsan --output-on-failure -j2 \
    -R '^(Threads\.|Stream\.|Sliced\.|Errors\.Batch$|Audit\.|EvaluationRow\.|Concurrency\.|Crash|Reload\.|Bearer\.|JwtVerifier\.OfTwoThreads|Feedback\.)'
  echo "test.sh: threaded tests passed under ThreadSanitizer (build-tsan)"
  exit 0
fi

scripts/build.sh $mode

dir=build
[ "$mode" = "--sanitize" ] && dir=build-asan

ctest --test-dir "$dir" --output-on-failure -j2

# The shipped rule set must stay clean and fully tested.
"$dir/ardent" check --werror rules/hip
"$dir/ardent" test rules/hip --coverage-min 100
echo "test.sh: all tests passed ($dir)"
