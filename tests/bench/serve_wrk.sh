#!/usr/bin/env bash
# Load figures for `ardent serve` (not a timed test): wrk posts the hook call of
# examples/cds-hooks/request.json (a QuestionnaireResponse of 22 answers, rules/hip) at 1, 16 and
# 64 connections and prints requests per second and the latency distribution.
# Usage: tests/bench/serve_wrk.sh [ARDENT] [SECONDS]   (default build/ardent, 10 s per run)
set -euo pipefail
cd "$(dirname "$0")/../.."
ardent=${1:-build/ardent}
seconds=${2:-10}

out=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$out"' EXIT
"$ardent" serve rules/hip --port 0 >"$out/line" &
pid=$!
for _ in $(seq 50); do grep -q listening "$out/line" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's|.*listening on \(http://[^/]*\)/cds-services.*|\1|p' "$out/line")

cat >"$out/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("examples/cds-hooks/request.json", "r")
wrk.body = f:read("*a")
f:close()
LUA

for c in 1 16 64; do
  echo "== $c connection(s), $(( c < 2 ? 1 : 2 )) thread(s)"
  wrk -t$(( c < 2 ? 1 : 2 )) -c"$c" -d"${seconds}s" --latency -s "$out/post.lua" "$url/cds-services/posterior-hip-patient-view"
done
