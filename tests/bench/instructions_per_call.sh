#!/usr/bin/env bash
# Instructions per call of one function while a benchmark runs, counted by callgrind (valgrind):
# stable where times on a shared machine are not.
# Usage: tests/bench/instructions_per_call.sh BENCH_BINARY BENCH_FILTER FUNCTION_PREFIX [MIN_TIME]
#   e.g. tests/bench/instructions_per_call.sh build/ardent_bench '^BM_JsonInHip$' 'ardent::Case::set_json('
#        tests/bench/instructions_per_call.sh build/ardent_bench '^BM_JsonOutHip/2/0$' 'ardent::format_json['
# Prints the calls of every function whose name starts with FUNCTION_PREFIX, their inclusive
# instructions, and the quotient.
set -euo pipefail
bin=$1 filter=$2 fn=$3 min_time=${4:-0.2}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" --benchmark_filter="$filter" \
  --benchmark_min_time="$min_time" >/dev/null 2>&1
python3 - "$out" "$fn" <<'PY'
import re, sys
path, prefix = sys.argv[1], sys.argv[2]
names, calls, inclusive, callee, pending = {}, 0, 0, None, None
for line in open(path):
    line = line.rstrip("\n")
    m = re.match(r"^(cfn|fn)=\((\d+)\)(?: (.*))?$", line)
    if m:
        kind, number, name = m.groups()
        if name:
            names[number] = name
        if kind == "cfn":
            callee = names.get(number)
        continue
    m = re.match(r"^calls=(\d+)", line)
    if m:
        pending = int(m.group(1)) if callee and callee.startswith(prefix) else None
        continue
    if pending is not None:  # the line after calls=: position and inclusive cost of those calls
        inclusive += int(line.split()[1])
        calls += pending
        pending = None
print(f"{prefix}: calls={calls} instructions={inclusive} per_call={inclusive // max(calls, 1)}")
PY
