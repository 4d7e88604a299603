#!/usr/bin/env bash
# File → Silver benchmark: logpro (./logpro run examples/taxi/silver.yaml) against DuckDB doing the
# same read → filter → derive → zstd Parquet, each as its own process, medians of N runs.
#
#   scripts/bench-file-silver.sh [WORK_DIR=/tmp/bench-data] [REPEATS=3] [--rows N] [--formats csv,ndjson]
#
# Inputs (2,964,624 generated trips per format, the size of the real January 2024 file) are
# generated once and cached in WORK_DIR. Prints a Markdown table on stdout, progress on stderr.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$repo/scripts/java-home.sh")"
export JAVA_HOME
cd "$repo"
# Builds logpro-bench and everything it depends on (logpro-cli included, which the launcher runs);
# target/lib gets the dependencies; the launcher's own build stamp is refreshed by its first call.
./mvnw -q -B -DskipTests package -pl logpro-bench -am >&2
work="${1:-/tmp/bench-data}"
shift || true
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$(ls logpro-bench/target/logpro-bench-*.jar | head -1):logpro-bench/target/lib/*" \
  io.logpro.bench.FileToSilverBenchmark --repo "$repo" "$work" "$@"
