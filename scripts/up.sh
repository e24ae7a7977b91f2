#!/usr/bin/env bash
# Brings the whole system up in the foreground: installs what is missing, builds, starts
# PostgreSQL, Temporal, the worker and the API. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "[up] build"
npm run -s build
exec node --enable-source-maps dist/scripts/dev/up.js "$@"
