#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than the lockfile.
# `npm ci` first; npm 11 on these machines writes no lock entries for other platforms' optional
# packages (e.g. @swc/core-darwin-*), which makes `npm ci` refuse the lockfile, so fall back to an
# `npm install` that honours the lockfile without rewriting it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  exit 0
fi
echo "[deps] npm ci"
if ! npm ci --no-audit --no-fund 2>/tmp/knelpunten-npm-ci.log; then
  echo "[deps] npm ci refused the lockfile ($(grep -m1 -o 'Missing: [^ ]*' /tmp/knelpunten-npm-ci.log || echo 'see /tmp/knelpunten-npm-ci.log')); npm install --no-save"
  npm install --no-audit --no-fund --no-save
fi
