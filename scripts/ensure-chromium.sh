#!/usr/bin/env bash
# Makes sure Debian's chromium and chromium-driver are installed for the browser tests.
# Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver already exist.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

if [[ -x "$CHROMIUM" && -x "$DRIVER" ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "ensure-chromium: $CHROMIUM or $DRIVER is missing and this user can neither run apt-get as root" \
       "nor use sudo without a password. Install them once with:" \
       "sudo apt-get update && sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get not found; install chromium and chromedriver so that $CHROMIUM and $DRIVER exist" >&2
  exit 1
fi

echo "ensure-chromium: installing chromium and chromium-driver with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y chromium chromium-driver

if [[ ! -x "$CHROMIUM" || ! -x "$DRIVER" ]]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM or $DRIVER is still missing" >&2
  exit 1
fi
