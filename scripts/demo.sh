#!/usr/bin/env bash
# Sets up, builds the `ardent` command line and triages an example patient against rules/hip.
# Usage: scripts/demo.sh [examples/cases/<case>.json]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh >/dev/null
scripts/build.sh ardent >/dev/null
case_file="${1:-examples/cases/classic_overload.json}"
if build/ardent eval --help >/dev/null 2>&1; then
  build/ardent eval rules/hip "$case_file"
else
  build/ardent check rules/hip
fi
