#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries for tests/test_postgres.py when initdb is missing.
# The tests start their own throwaway server on 127.0.0.1 in a temp dir; nothing is started here.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends postgresql
