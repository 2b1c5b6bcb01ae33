#!/usr/bin/env bash
# Makes sure the machine's PostgreSQL answers on 127.0.0.1:5432, starting its cluster if it
# has stopped. The db test project runs a second time against it (RESETTLE_TEST_DB=postgres).
set -euo pipefail

ready() { pg_isready -h 127.0.0.1 -p 5432 -q; }

if ready; then
  echo "PostgreSQL is accepting connections on 127.0.0.1:5432"
  exit 0
fi

if [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql)" ]; then
  echo "PostgreSQL is not installed (no cluster under /etc/postgresql)" >&2
  exit 1
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
echo "Starting PostgreSQL ${version} (cluster 'main')"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true

for _ in $(seq 1 60); do
  if ready; then
    echo "PostgreSQL is accepting connections on 127.0.0.1:5432"
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL did not accept connections on 127.0.0.1:5432 within 60 seconds" >&2
exit 1
