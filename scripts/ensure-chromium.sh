#!/usr/bin/env bash
# Browser tests drive Debian's Chromium at /usr/bin/chromium: a test tool's own browser
# download fails on these machines. Installs it from Debian's packages when it is missing.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "Chromium is installed at /usr/bin/chromium"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing and installing it needs root: apt-get install -y chromium" >&2
  exit 1
fi

echo "Installing Chromium from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q chromium
test -x /usr/bin/chromium
echo "Chromium is installed at /usr/bin/chromium"
