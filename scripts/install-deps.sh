#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than the lockfile: `npm ci`, reproducible
# from package-lock.json, nothing else. An install error is printed and stops the run (no fallback that would
# resolve other versions than the lockfile's).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  exit 0
fi
echo "[deps] npm ci"
npm ci --no-audit --no-fund
