#!/usr/bin/env bash
# Kafka → Bronze + Silver benchmark against the seed's peer table (reference section 16):
# (a) 10,000 events: startup, last produced → both tables committed, peak RSS;
# (b) 3,000,000 events already in a 6-partition topic: events/s into Bronze + Silver, peak RSS.
# A single-node KRaft broker (logpro-kafka's test broker) runs on the same machine.
#
#   scripts/bench-kafka.sh [WORK_DIR=/tmp/bench-kafka] [REPEATS=3] [--events N] [--backlog N]
#       [--partitions 6] [--commit-interval 250ms] [--only a|b] [--consume-only] [--heap 512m]
#       [--pipeline FILE] [--env K=V]... [--java-opts '-XX:StartFlightRecording=filename=/tmp/{run}.jfr,settings=profile']
#
# Prints a Markdown table on stdout, progress on stderr; logpro's log of every run stays in WORK_DIR.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$repo/scripts/java-home.sh")"
export JAVA_HOME
cd "$repo"
# Builds logpro-bench and everything it depends on (logpro-cli, which the launcher runs, and
# logpro-kafka's test-jar with the broker); target/lib gets the dependencies.
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests package -pl logpro-bench -am >&2
fi
work="${1:-/tmp/bench-kafka}"
shift || true
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  -cp "$(ls logpro-bench/target/logpro-bench-*.jar | head -1):logpro-bench/target/lib/*" \
  io.logpro.bench.KafkaStreamingBenchmark --repo "$repo" "$work" "$@"
