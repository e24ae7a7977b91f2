#!/usr/bin/env bash
# Runs every test tier on its own: installs what is missing, type-checks, lints, then jest
# (unit + integration + end to end). It starts what it needs on free ports, so it also passes while
# `npm run up` is running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "[test] typecheck"
npx tsc -p tsconfig.json --noEmit
echo "[test] lint"
npx eslint . --max-warnings 0
echo "[test] prettier"
npx prettier --check . --log-level warn
echo "[test] build (also proves the production build works)"
npm run -s build
echo "[test] jest"
npx jest --ci --runInBand "$@"
