#!/usr/bin/env bash
# PostgreSQL → PostgreSQL replication benchmark (issue #4): p50/p99 latency from source commit to
# target commit at fixed change rates, and sustained changes/s from a backlog, with peak RSS.
# Needs the local PostgreSQL with wal_level=logical (scripts/start-services.sh).
#
#   scripts/bench-replication.sh [WORK_DIR=/tmp/bench-replication] [--rates 1000,10000] [--seconds 20]
#       [--backlog 500000] [--commit-interval 100ms]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$repo/scripts/java-home.sh")"
export JAVA_HOME
cd "$repo"
bash scripts/start-services.sh
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests package -pl logpro-bench -am >&2
  touch logpro-cli/target/lib/.built
fi
work="${1:-/tmp/bench-replication}"
shift || true
exec "$JAVA_HOME/bin/java" -cp "$(ls logpro-bench/target/logpro-bench-*.jar | head -1):logpro-bench/target/lib/*" \
  io.logpro.bench.ReplicationBenchmark --repo "$repo" "$work" "$@"
