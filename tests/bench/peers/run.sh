#!/usr/bin/env bash
# Runs the peer harness (a folder holding run-all.sh, ruleset.json and cases.json) with Ardent
# added as one more engine. Usage: tests/bench/peers/run.sh HARNESS_DIR [run-all.sh options]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
harness="$(cd "${1:?usage: run.sh HARNESS_DIR [options]}" && pwd)"
shift
"$root/scripts/build.sh" ardent-peer-runner >/dev/null
mkdir -p "$harness/build/generated"
python3 "$here/gen_ard.py" "$harness/ruleset.json" "$harness/build/generated/ardent.ard"
runner="$root/build/tests/bench/peers/ardent-peer-runner \"\$GEN/ardent.ard\" \"\$RULESET\" \"\$CASES\""
"$harness/run-all.sh" --engine "ardent-capi|$runner ardent-capi bits" --engine "ardent-capi-case|$runner ardent-capi-case case" \
  --engine "ardent-sliced|$runner ardent-sliced sliced" "$@"
