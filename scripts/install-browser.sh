#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a browser download of a test tool). Installs it when
# missing; needs root (as on the CI and development machines) or a Chromium at KP_CHROMIUM_PATH.
set -euo pipefail
bin="${KP_CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then
  exit 0
fi
echo "[deps] Chromium ontbreekt op $bin: apt-get install chromium"
if [ "$(id -u)" != "0" ]; then
  echo "[deps] installeer Chromium als root (apt-get install -y chromium) of zet KP_CHROMIUM_PATH" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
