#!/usr/bin/env bash
# Installs the FHIR validator (the npm package `fhir`, pinned in package-lock.json) when it is
# missing; does nothing when node_modules is already in place. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")"

if [ -d node_modules/fhir ] && node -e "require('fhir')" >/dev/null 2>&1; then
  exit 0
fi
echo "tests/fhir/validator: installing npm packages"
npm ci --no-audit --no-fund --loglevel=error
