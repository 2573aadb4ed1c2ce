#!/usr/bin/env bash
# Writes dist/: the packages of DESIGN.md section 12, from one build. Builds the library and the
# command line in build/, installs them into dist/stage/ (the installed tree every package is cut
# from), then runs each step of scripts/package/ in the order of its number:
#   ARDENT_STAGE  the installed tree (bin/, lib/, include/ ...)
#   ARDENT_DIST   where the packages go
#   ARDENT_WINDOWS=1 with --windows: the Windows build (build-win/) is packaged too
# Usage: scripts/package.sh [--windows]
set -euo pipefail
cd "$(dirname "$0")/.."

export ARDENT_DIST=$PWD/dist
export ARDENT_STAGE=$ARDENT_DIST/stage
export ARDENT_WINDOWS=0
[ "${1:-}" = "--windows" ] && ARDENT_WINDOWS=1

scripts/build.sh ardent ardent_shared
rm -rf "$ARDENT_DIST"
mkdir -p "$ARDENT_STAGE"
cmake --install build --prefix "$ARDENT_STAGE" >/dev/null

for step in scripts/package/[0-9][0-9]-*.sh; do
  echo "package.sh: ${step##*/}"
  "$step"
done
echo "package.sh: wrote dist/"
ls -l "$ARDENT_DIST" | grep -v ' stage$' || true
