#!/usr/bin/env bash
# PostgreSQL sink benchmark: 1,000,000 generated taxi trips into the local PostgreSQL through the
# postgres sink by (a) binary COPY + MERGE (upsert by trip_id) and COPY append, (b) batched JDBC
# INSERT, (c) one INSERT per row (on fewer rows); rows/s of each and the COPY + MERGE / row-by-row
# ratio, in one run (io.logpro.bench.postgres.PostgresSinkBenchmark).
#
#   scripts/bench-postgres.sh [--rows 1000000] [--row-by-row-rows 50000] [--batch-rows 8192] [--commit-every 8]
#
# BENCH_SKIP_BUILD=1 skips the build. Prints a Markdown table on stdout, progress on stderr.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$repo/scripts/java-home.sh")"
export JAVA_HOME
cd "$repo"
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -ntp -q -pl logpro-bench -am install -DskipTests >&2
fi
commit="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- logpro-postgres logpro-bench || commit="$commit (uncommitted changes in logpro-postgres or logpro-bench)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  -cp "$(ls logpro-bench/target/logpro-bench-*.jar | head -1):logpro-bench/target/lib/*" \
  io.logpro.bench.postgres.PostgresSinkBenchmark --commit "$commit" "$@"
