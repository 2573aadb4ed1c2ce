#!/usr/bin/env bash
# Installs the Node.js binding's npm packages (koffi, pinned in package-lock.json) when they are
# missing; does nothing when node_modules is already in place. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")"

if [ -d node_modules/koffi ] && node -e "require('koffi')" >/dev/null 2>&1; then
  exit 0
fi
echo "bindings/node: installing npm packages"
# `npm ci` installs exactly what the lock file says; without network access to the registry
# there is nothing else to do.
npm ci --no-audit --no-fund --loglevel=error
