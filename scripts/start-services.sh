#!/usr/bin/env bash
# Starts the local servers the integration tests talk to, if they are not up yet. Tests create
# their own databases; this only makes sure the server runs (a machine that has just booted).
set -euo pipefail
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "start-services: installing PostgreSQL" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! pg_up; then
  version=$(ls /etc/postgresql | sort -V | tail -1)
  echo "start-services: starting PostgreSQL $version" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
pg_up || { echo "start-services: PostgreSQL is not accepting connections on 127.0.0.1:5432" >&2; exit 1; }
