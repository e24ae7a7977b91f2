#!/usr/bin/env bash
# Runs every test tier on its own: installs what is missing, type-checks, lints, then jest
# (unit + integration + end to end). It starts what it needs on free ports, so it also passes while
# `npm run up` is running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/install-browser.sh
echo "[test] typecheck (API, worker, workflows, scripts, tests; web app)"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json --noEmit
echo "[test] lint"
npx eslint . --max-warnings 0
echo "[test] prettier"
npx prettier --check . --log-level warn
echo "[test] build (also proves the production build works)"
npm run -s build
echo "[test] web unit tests (vitest)"
npx vitest run --config apps/web/vite.config.mts
echo "[test] jest (unit, integration, end to end incl. the browser tests in Chromium)"
npx jest --ci --runInBand "$@"
echo "[test] drills (process kills, outages and restarts on the real stack, each ending with reconcile at zero drift)"
npx jest -c jest.drills.config.js --ci --runInBand
