#!/usr/bin/env bash
# JMH micro-benchmarks of the Silver path, one thread each, scores in rows/s:
# CSV and NDJSON decode, Silver validate+derive, Arrow → Parquet (zstd) write.
# Short runs (1 fork, 2 warm-up and 3 measured iterations) because the machine has 2 shared cores.
#
#   scripts/bench-jmh.sh [extra JMH options, e.g. a benchmark regex or -prof gc]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$repo/scripts/java-home.sh")"
export JAVA_HOME
cd "$repo"
./mvnw -q -B -DskipTests package -pl logpro-bench -am >&2
opens="--add-opens=java.base/java.nio=ALL-UNNAMED"
exec "$JAVA_HOME/bin/java" "$opens" \
  -cp "$(ls logpro-bench/target/logpro-bench-*.jar | head -1):logpro-bench/target/lib/*" \
  org.openjdk.jmh.Main -f 1 -wi 2 -i 3 -w 3s -r 5s -jvmArgsAppend "$opens -Xmx1g" "$@"
