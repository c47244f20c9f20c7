#!/usr/bin/env bash
# Install Debian's Chromium for the dashboard's browser tests (tests/test_web_browser.py) when it is
# missing. Playwright drives it by path; Playwright's own browser download is never used.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
