package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.core.testing.MemorySink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlqCommandTest {
  @TempDir Path tmp;
  private final String id = UUID.randomUUID().toString().substring(0, 8);


  /** 1..200 into a memory table; with {@code limit} the sink's branch rejects values above 150. */
  private Path pipeline(String name, boolean limit) throws Exception {
    return pipeline(name, limit, "file");
  }

  private Path pipeline(String name, boolean limit, String dlqType) throws Exception {
    String rules = limit
        ? "    processing:\n      - type: validate\n        name: limit\n        rules:\n          - range: {column: value, max: 150}\n"
        : "";
    String yaml = "pipeline: dlq-" + id + "\n"
        + "source: {type: counting, count: 200, format: {type: number}}\n"
        + "sinks:\n"
        + "  a:\n"
        + "    type: memory\n"
        + "    table: a-" + id + "\n"
        + rules
        + "reliability:\n"
        + "  dlq: {type: " + dlqType + ", path: " + tmp.resolve("dlq") + "}\n"
        + "  commit_interval: 50ms\n"
        + "  state_dir: " + tmp.resolve("state") + "\n"
        + "engine: {batch_rows: 32, linger: 10ms}\n";
    Path file = tmp.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void inspectCountsLettersByStageAndErrorKindWithSamples() throws Exception {
    CliRun run = CliRun.of("run", "--progress", "never", pipeline("v1", true).toString());
    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    CliRun r = CliRun.of("dlq", "inspect", "--samples", "2", pipeline("v1", true).toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("50 dead letters in 1 group").contains("processor:sink:a:limit");
    assertThat(r.out()).contains("raw:   151").contains("at count 151");
  }

  @Test
  void replayAfterAFixFeedsTheRejectedRowsToTheirSinkOnceEvenWhenRunTwice() throws Exception {
    CliRun run = CliRun.of("run", "--progress", "never", pipeline("v1", true).toString());
    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    assertThat(MemorySink.table("a-" + id).rows).hasSize(150);
    Path fixed = pipeline("v2", false);
    CliRun first = CliRun.of("dlq", "replay", fixed.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(MemorySink.table("a-" + id).rows).hasSize(200);
    CliRun second = CliRun.of("dlq", "replay", fixed.toString());
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(MemorySink.table("a-" + id).rows).hasSize(200);
    assertThat(MemorySink.table("a-" + id).rows.stream().map(row -> Long.parseLong((String) row.get(0))).distinct().count()).isEqualTo(200);
  }

  @Test
  void aParquetDeadLetterOutputIsInspectedAndReplayedToo() throws Exception {
    CliRun run = CliRun.of("run", "--progress", "never", pipeline("p1", true, "parquet").toString());
    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    CliRun r = CliRun.of("dlq", "inspect", pipeline("p1", true, "parquet").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("50 dead letters in 1 group").contains("raw:   151");
    CliRun replay = CliRun.of("dlq", "replay", pipeline("p2", false, "parquet").toString());
    assertThat(replay.exit()).as(replay.err()).isZero();
    assertThat(MemorySink.table("a-" + id).rows).hasSize(200);
  }

  @Test
  void rawBytesAreShownSafely() {
    assertThat(DlqCommand.showSafely("a\tb\u0007c".getBytes(StandardCharsets.UTF_8), 80)).isEqualTo("a\\tb\\u0007c");
    assertThat(DlqCommand.showSafely(new byte[] {(byte) 0xff, 0x00, 0x41}, 80)).startsWith("hex ff0041");
    assertThat(DlqCommand.showSafely("x".repeat(1000).getBytes(StandardCharsets.UTF_8), 10)).isEqualTo("xxxxxxxxxx… (1000 bytes)");
    assertThat(DlqCommand.errorKind("fare_amount >= 0 failed: -12.5")).isEqualTo(DlqCommand.errorKind("fare_amount >= 0 failed: -3"));
  }
}
