#!/usr/bin/env bash
# The stages of src/ in their order: a file of one stage may include the public headers
# (ardent/...), its own stage's headers and those of the stages before it, never a later one.
# The C ABI and the command line see only the public headers (and their own).
# Usage: tests/layering_check.sh SOURCE_DIR
set -euo pipefail
cd "$1"

order=(syntax diag check compile eval format api store fhir serve)
status=0

report() {  # file, included header
  echo "layering: $1 includes \"$2\", which its stage may not see" >&2
  status=1
}

check_stage() {  # stage, allowed prefixes...
  local stage=$1; shift
  local allowed=" $* "
  while IFS= read -r line; do
    local file=${line%%:*}
    local header=${line#*\"}; header=${header%%\"*}
    local prefix=${header%%/*}
    [[ $header == */* ]] || continue          # a C header such as "ardent.h" or "internal.hpp"
    [[ $allowed == *" $prefix "* ]] || report "$file" "$header"
  done < <(grep -rHE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"' "$stage" --include='*.cpp' --include='*.hpp' || true)
}

seen=(ardent)
for stage in "${order[@]}"; do
  seen+=("$stage")
  check_stage "src/$stage" "${seen[@]}"
done
check_stage src/cli ardent cli
check_stage capi/src ardent
[ $status -eq 0 ] && echo "layering: every #include stays within its stage's reach"
exit $status
