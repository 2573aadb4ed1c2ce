#!/usr/bin/env bash
# Replays each fuzz target's seed corpus, then fuzzes it for SECONDS (docs/fuzzing.md). Targets
# run two at a time. New inputs go to a scratch folder, never into the repository's corpus. A
# crash, a leak, a timeout or a broken harness check fails the run, and the log shows the
# reproducer's path and its bytes in base64.
#   tests/fuzz/run_targets.sh BUILD_DIR SECONDS [TARGET...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=$1/tests/fuzz
seconds=$2
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(compile case capi store fhir)
parallel=${ARDENT_FUZZ_JOBS:-2}
out=$(mktemp -d "${TMPDIR:-/tmp}/ardent-fuzz.XXXXXX")
trap 'rm -rf "$out"' EXIT

# -timeout: an input that takes this long is a hang; -rss_limit_mb: a runaway allocation.
common=(-timeout=25 -rss_limit_mb=2048 -print_final_stats=1)

run_one() {  # target
  local t=$1 corpus=tests/fuzz/corpus/$1 work=$out/$1
  mkdir -p "$work/new" "$work/artifacts"
  local status=0
  "$bin/fuzz_$t" "${common[@]}" -artifact_prefix="$work/artifacts/" -runs=0 "$corpus" >"$work/replay.log" 2>&1 ||
    status=$?
  if [ $status -eq 0 ]; then
    "$bin/fuzz_$t" "${common[@]}" -artifact_prefix="$work/artifacts/" -dict="tests/fuzz/$t.dict" \
      -max_total_time="$seconds" "$work/new" "$corpus" >"$work/fuzz.log" 2>&1 || status=$?
  fi
  echo "$status" >"$work/status"
}

report() {  # target
  local t=$1 work=$out/$1
  if [ "$(cat "$work/status")" = 0 ] && [ -z "$(ls -A "$work/artifacts")" ]; then
    echo "fuzz_$t: corpus replayed: $(grep -E '^#[0-9]+.*INITED' "$work/replay.log" | sed -E 's/ +/ /g')"
    echo "fuzz_$t: ${seconds}s fuzzed:  $(grep -E '^#[0-9]+.*DONE' "$work/fuzz.log" | sed -E 's/ +/ /g')"
    return 0
  fi
  # The reproducer first and the reason last, so that a log cut to its tail still says why.
  for input in "$work"/artifacts/*; do
    [ -f "$input" ] || continue
    echo "fuzz_$t: reproducer $(basename "$input") ($(wc -c <"$input") bytes):"
    echo "  build-fuzz/tests/fuzz/fuzz_$t FILE   # FILE: the base64 below, decoded with base64 -d"
    base64 -w 100 "$input" | sed 's/^/  /'
  done
  echo "fuzz_$t: FAILED; the end of its log:"
  cat "$work"/*.log | grep -v -E '^#[0-9]|NEW_FUNC' | tail -n 60
  echo "fuzz_$t: FAILED: $(grep -h -m1 -E '^fuzz: |ERROR|SUMMARY|timeout|out-of-memory' "$work"/*.log | head -n1)"
  return 1
}

pids=()
for t in "${targets[@]}"; do
  [ -x "$bin/fuzz_$t" ] || { echo "run_targets: no $bin/fuzz_$t (scripts/build.sh --fuzz fuzz_all)" >&2; exit 2; }
  run_one "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$parallel" ]; then
    wait "${pids[0]}" || true
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

status=0
for t in "${targets[@]}"; do report "$t" || status=1; done
exit $status
