package io.logpro.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.core.ComponentRegistry;
import io.logpro.core.config.Interpolator;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.config.PipelineLoader;
import io.logpro.core.testing.CountingSource;
import io.logpro.core.testing.MemorySink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  @TempDir Path tmp;
  private final ComponentRegistry registry = ComponentRegistry.load();
  private final String id = UUID.randomUUID().toString().substring(0, 8);

  private PipelineDefinition pipeline(String sinks, long count, long badEvery) {
    String yaml = """
        pipeline: test-%s
        source: {type: counting, count: %d, bad_every: %d, format: {type: number}}
        sinks:
        %s
        reliability:
          dlq: {type: memory, table: dlq-%s}
          commit_interval: 50ms
          state_dir: %s
        engine: {batch_rows: 64, linger: 10ms}
        """.formatted(id, count, badEvery, sinks.indent(2), id, tmp);
    return new PipelineLoader(registry, Interpolator.fromEnvironment()).load(yaml, "test.yaml");
  }

  private static List<Long> values(String table) {
    return MemorySink.table(table).rows.stream().map(r -> Long.parseLong((String) r.get(0))).sorted().collect(Collectors.toList());
  }

  @Test
  void boundedRunDeliversEveryRecordAndEnds() {
    PipelineResult r = new Pipeline(pipeline("a: {type: memory, table: a-" + id + "}", 1000, 0), registry).run();
    assertThat(r.failure()).isNull();
    assertThat(r.state()).isEqualTo(PipelineState.CLOSED);
    assertThat(values("a-" + id)).hasSize(1000).startsWith(1L, 2L, 3L).endsWith(1000L);
    assertThat(MemorySink.table("a-" + id).checkpoint.get(CountingSource.PARTITION).sequence()).isEqualTo(1000);
  }

  @Test
  void aBatchIsCutAtItsShareOfTheQueueBytesBeforeItsRows() {
    String yaml = """
        pipeline: bytes-%s
        source: {type: counting, count: 1000, format: {type: number}}
        sinks:
          a: {type: memory, table: a-%s}
        reliability:
          dlq: {type: memory, table: dlq-%s}
          commit_interval: 50ms
          state_dir: %s
        engine: {batch_rows: 10000, linger: 1s, queue_batches: 2, queue_bytes: 16KB}
        """.formatted(id, id, id, tmp);
    Pipeline p = new Pipeline(new PipelineLoader(registry, Interpolator.fromEnvironment()).load(yaml, "test.yaml"), registry);
    List<Integer> unitRows = new java.util.concurrent.CopyOnWriteArrayList<>();
    p.observe((stage, sink, seq, rows, start, end) -> {
      if (stage == Pipeline.Stage.READ) unitRows.add(rows);
    });
    PipelineResult r = p.run();
    assertThat(r.failure()).isNull();
    assertThat(values("a-" + id)).hasSize(1000);
    // 8 KB per unit, each message counted at its bytes plus 64: about 120 per unit, far below batch_rows
    assertThat(unitRows).hasSizeGreaterThan(5).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(130));
  }

  @Test
  void rowsASinkRefusesReachTheDeadLetterSinkAndTheRestCommits() {
    PipelineResult r = new Pipeline(pipeline("a: {type: memory, table: a-" + id + ", refuse_multiple_of: 7}", 1000, 0), registry).run();
    assertThat(r.failure()).isNull();
    assertThat(values("a-" + id)).hasSize(1000 - 142).doesNotContain(7L, 14L, 994L);
    List<List<Object>> dlq = MemorySink.table("dlq-" + id).rows;
    assertThat(dlq).hasSize(142);
    // pipeline, error, stage, time, source, partition, sequence, raw, raw_text
    assertThat(dlq).allSatisfy(row -> assertThat(row.get(2)).isEqualTo("sink:a"));
    assertThat(dlq.stream().map(row -> Long.parseLong((String) row.get(6))).sorted().toList()).startsWith(7L, 14L).endsWith(994L);
    assertThat(dlq.get(0).get(1)).asString().startsWith("refused: ");
    assertThat(MemorySink.table("dlq-" + id).checkpoint.get(CountingSource.PARTITION).sequence()).isEqualTo(1000);
  }

  @Test
  void aConfiguredCheckpointStoreKeepsThePositionsOfSinksThatCannotStoreThem() throws Exception {
    Path file = tmp.resolve("elsewhere").resolve("positions.json");
    String yaml = """
        pipeline: store-%s
        source: {type: counting, count: 300, format: {type: number}}
        sinks:
          a: {type: memory, table: a-%s, transactional: false}
        reliability:
          dlq: {type: memory, table: dlq-%s}
          commit_interval: 50ms
          state_dir: %s
          checkpoint_store: {type: file, path: %s}
        """.formatted(id, id, id, tmp, file);
    PipelineDefinition def = new PipelineLoader(registry, Interpolator.fromEnvironment()).load(yaml, "test.yaml");
    assertThat(new Pipeline(def, registry).run().failure()).isNull();
    assertThat(Checkpoint.fromJson(java.nio.file.Files.readString(file)).get(CountingSource.PARTITION).sequence()).isEqualTo(300);
    // a second run resumes from the store: nothing is delivered again
    assertThat(new Pipeline(def, registry).run().failure()).isNull();
    assertThat(values("a-" + id)).hasSize(300);
  }

  @Test
  void aSinkSkipsRowByRowWhatItHeldWhenAUnitMixesPartitionsItHoldsWithOnesItDoesNot() {
    // sink x committed count0 up to 40 and count1 up to 9 in an earlier run; the dead-letter sink
    // holds nothing, so the source starts over and a unit ends up holding rows of both partitions
    MemorySink.table("x-" + id).checkpoint = Checkpoint.of(Position.of("count0", 40), Position.of("count1", 9));
    String yaml = """
        pipeline: mixed-%s
        source: {type: counting, count: 100, partitions: 2, format: {type: number}}
        sinks:
          x: {type: memory, table: x-%s}
        reliability:
          dlq: {type: memory, table: dlq-%s}
          commit_interval: 50ms
          state_dir: %s
        engine: {batch_rows: 64, linger: 10ms}
        """.formatted(id, id, id, tmp);
    PipelineResult r = new Pipeline(new PipelineLoader(registry, Interpolator.fromEnvironment()).load(yaml, "test.yaml"), registry).run();
    assertThat(r.failure()).isNull();
    List<Long> expected = new java.util.ArrayList<>();
    for (long n = 1; n <= 100; n++) if (n % 2 == 0 ? n > 40 : n > 9) expected.add(n);
    assertThat(values("x-" + id)).containsExactlyElementsOf(expected);
  }

  @Test
  void undecodableRecordsGoToTheDeadLetterSinkWithReasonAndBytes() {
    PipelineResult r = new Pipeline(pipeline("a: {type: memory, table: a-" + id + "}", 100, 10), registry).run();
    assertThat(r.failure()).isNull();
    assertThat(values("a-" + id)).hasSize(90);
    List<List<Object>> dlq = MemorySink.table("dlq-" + id).rows;
    assertThat(dlq).hasSize(10);
    // pipeline, error, stage, time, source, partition, sequence, raw, raw_text
    assertThat(dlq.get(0).get(1)).isEqualTo("not a number: 'oops'");
    assertThat(dlq.get(0).get(2)).isEqualTo("decode");
    assertThat(dlq.get(0).get(6)).isEqualTo("10");
    assertThat(dlq.get(0).get(8)).isEqualTo("oops");
  }

  @Test
  void eachSinkRunsItsOwnProcessorsAndRejectsReachTheDeadLetterSink() {
    String sinks = """
        all: {type: memory, table: all-%s}
        even:
          type: memory
          table: even-%s
          processing:
            - type: even_only
        """.formatted(id, id);
    PipelineResult r = new Pipeline(pipeline(sinks, 200, 0), registry).run();
    assertThat(r.failure()).isNull();
    assertThat(values("all-" + id)).hasSize(200);
    assertThat(values("even-" + id)).hasSize(100).allMatch(v -> v % 2 == 0);
    assertThat(MemorySink.table("dlq-" + id).rows).hasSize(100)
        .allMatch(row -> ((String) row.get(2)).equals("processor:sink:even:even_only"));
  }

  @Test
  void whenRoutesOnlyMatchingRowsToASinkWithoutDeadLetters() {
    String sinks = """
        small:
          type: memory
          table: small-%s
          when: "value <= 10"
        all: {type: memory, table: all-%s}
        """.formatted(id, id);
    PipelineResult r = new Pipeline(pipeline(sinks, 50, 0), registry).run();
    assertThat(r.failure()).isNull();
    assertThat(values("small-" + id)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(values("all-" + id)).hasSize(50);
    assertThat(MemorySink.table("dlq-" + id).rows).isEmpty();
  }

  @Test
  void positionsAreAcknowledgedOnlyAfterEverySinkCommitted() {
    CountingSource.ACKS.clear();
    PipelineResult r = new Pipeline(pipeline("a: {type: memory, table: a-" + id + "}\nb: {type: memory, table: b-" + id + "}", 500, 0), registry).run();
    assertThat(r.failure()).isNull();
    assertThat(CountingSource.ACKS).isNotEmpty();
    Checkpoint last = CountingSource.ACKS.get(CountingSource.ACKS.size() - 1);
    assertThat(last.get(CountingSource.PARTITION)).isEqualTo(Position.of(CountingSource.PARTITION, 500));
    for (Checkpoint ack : CountingSource.ACKS) {
      assertThat(MemorySink.table("a-" + id).checkpoint.covers(ack)).isTrue();
      assertThat(MemorySink.table("b-" + id).checkpoint.covers(ack)).isTrue();
    }
  }

  @Test
  void aFailedRunLosesNothingAndTheRerunDuplicatesNothing() {
    String sinks = "a: {type: memory, table: a-%s, fail_on_write: 7}\nb: {type: memory, table: b-%s}".formatted(id, id);
    PipelineResult first = new Pipeline(pipeline(sinks, 3000, 0), registry).run();
    assertThat(first.failure()).hasMessageContaining("injected failure");
    assertThat(first.state()).isEqualTo(PipelineState.FAILED);

    String healthy = "a: {type: memory, table: a-%s}\nb: {type: memory, table: b-%s}".formatted(id, id);
    PipelineResult second = new Pipeline(pipeline(healthy, 3000, 0), registry).run();
    assertThat(second.failure()).isNull();
    assertThat(values("a-" + id)).hasSize(3000).doesNotHaveDuplicates();
    assertThat(values("b-" + id)).hasSize(3000).doesNotHaveDuplicates();
  }

  @Test
  void sinksThatCommittedDifferentPositionsEachGetEveryRowOnce() {
    // b already holds rows 1..300 (a crash after b's commit, before a's)
    MemorySink.Table b = MemorySink.table("b-" + id);
    for (long v = 1; v <= 300; v++) b.rows.add(List.of(Long.toString(v)));
    b.checkpoint = Checkpoint.of(Position.of(CountingSource.PARTITION, 300));
    MemorySink.Table a = MemorySink.table("a-" + id);
    for (long v = 1; v <= 100; v++) a.rows.add(List.of(Long.toString(v)));
    a.checkpoint = Checkpoint.of(Position.of(CountingSource.PARTITION, 100));
    MemorySink.table("dlq-" + id).checkpoint = Checkpoint.of(Position.of(CountingSource.PARTITION, 100));

    String sinks = "a: {type: memory, table: a-%s}\nb: {type: memory, table: b-%s}".formatted(id, id);
    PipelineResult r = new Pipeline(pipeline(sinks, 1000, 0), registry).run();
    assertThat(r.failure()).isNull();
    assertThat(values("a-" + id)).hasSize(1000).doesNotHaveDuplicates();
    assertThat(values("b-" + id)).hasSize(1000).doesNotHaveDuplicates();
    assertThat(r.stats().rowsSkipped("b").get()).isEqualTo(200);
  }

  @Test
  void stopDrainsAndCommitsWhatWasRead() throws Exception {
    Pipeline p = new Pipeline(pipeline("a: {type: memory, table: a-" + id + "}", 50_000_000, 0), registry);
    var result = new java.util.concurrent.atomic.AtomicReference<PipelineResult>();
    Thread runner = new Thread(() -> result.set(p.run()));
    runner.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (p.stats().recordsRead.get() < 10_000 && runner.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
    p.stop();
    runner.join(30_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(result.get().failure()).isNull();
    assertThat(p.state()).isEqualTo(PipelineState.CLOSED);
    long rows = values("a-" + id).size();
    assertThat(rows).isEqualTo(p.stats().rowsDecoded.get());
    assertThat(MemorySink.table("a-" + id).checkpoint.get(CountingSource.PARTITION).sequence()).isEqualTo(rows);
  }

  @Test
  void theNonTransactionalSinkResumesFromTheCheckpointStore() {
    String sinks = "a: {type: memory, table: a-%s, transactional: false}".formatted(id);
    assertThat(new Pipeline(pipeline(sinks, 100, 0), registry).run().failure()).isNull();
    PipelineResult again = new Pipeline(pipeline(sinks, 150, 0), registry).run();
    assertThat(again.failure()).isNull();
    assertThat(values("a-" + id)).hasSize(150).doesNotHaveDuplicates();
  }
}
