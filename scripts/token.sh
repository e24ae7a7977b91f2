#!/usr/bin/env bash
# `npm run token -- --role <role> [--organisation CODE] [--driehoek CODE]`: prints one development token.
# Builds first when the compiled script is missing (a fresh clone), sending all build output to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/scripts/token.js ]; then
  bash scripts/install-deps.sh >&2
  npm run -s build >&2
fi
exec node dist/scripts/token.js "$@"
