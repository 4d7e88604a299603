package io.logpro.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.core.ComponentRegistry;
import io.logpro.core.config.Interpolator;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.config.PipelineLoader;
import io.logpro.core.testing.MemorySink;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's warm-up: samples from the decoder through copies of the processors into each sink's warmUp, nothing real. */
class WarmUpTest {
  @TempDir Path tmp;
  private final ComponentRegistry registry = ComponentRegistry.load();
  private final String id = UUID.randomUUID().toString().substring(0, 8);

  /** 300 numbers (every 7th malformed) into sink a (through {@code aProcessing}) and sink b (all rows), both memory sinks. */
  private PipelineResult run(String aProcessing, String engine) {
    String yaml = """
        pipeline: warm-%s
        source: {type: counting, count: 300, bad_every: 7, format: {type: number}}
        sinks:
          a:
            type: memory
            table: a-%s
            processing: [%s]
          b: {type: memory, table: b-%s}
        reliability:
          dlq: {type: memory, table: dlq-%s}
          commit_interval: 50ms
          state_dir: %s
        engine: %s
        """.formatted(id, id, aProcessing, id, id, tmp, engine);
    PipelineDefinition def = new PipelineLoader(registry, Interpolator.fromEnvironment()).load(yaml, "warm.yaml");
    return new Pipeline(def, registry).run();
  }

  private MemorySink.Table table(String name) {
    return MemorySink.table(name + "-" + id);
  }

  @Test
  void aSinkIsWarmedWithTheSampleAsItsOwnProcessorsLeaveIt() {
    PipelineResult r = run("{type: even_only}", "{batch_rows: 64}");
    assertThat(r.failure()).isNull(); // also: the warm-up's allocator was closed without leaks
    // samples 1..2,048, every 10th not a number (a decoder reject), the odd ones rejected by even_only
    long even = java.util.stream.IntStream.rangeClosed(1, WarmUp.ROWS).filter(i -> i % 2 == 0 && i % 10 != 0).count();
    assertThat(table("a").warmUpRows).hasSize((int) even)
        .allSatisfy(row -> assertThat(Long.parseLong((String) row.get(0)) % 2).isZero());
  }

  @Test
  void aSecondSinkOfTheSameKindIsNotWarmedAgain() {
    run("", "{batch_rows: 64}");
    assertThat(table("a").warmUpRows).hasSize(WarmUp.ROWS - WarmUp.ROWS / 10);
    assertThat(table("b").warmUpRows).isEmpty(); // its code is already warm
  }

  @Test
  void theDeadLetterSinkIsWarmedWithTheSamplesRejects() {
    run("{type: even_only}", "{batch_rows: 64}");
    List<List<Object>> letters = table("dlq").warmUpRows;
    // pipeline, error, stage, ...: the decoder's rejects and the processor's
    assertThat(letters).anySatisfy(row -> assertThat(row.get(2)).isEqualTo("decode"));
    assertThat(letters).anySatisfy(row -> assertThat((String) row.get(1)).startsWith("odd: "));
  }

  @Test
  void noSampleRowReachesARealTableOrItsPositions() {
    run("{type: even_only}", "{batch_rows: 64}");
    // 300 records, every 7th malformed: 258 numbers, none of the sample's (which go up to 2,048)
    assertThat(table("b").rows).hasSize(258)
        .allSatisfy(row -> assertThat(Long.parseLong((String) row.get(0))).isBetween(1L, 300L));
    assertThat(table("dlq").rows).hasSize(42 + 129); // malformed, and odd ones rejected by a's processor
    assertThat(table("a").checkpoint.positions().keySet()).doesNotContain(WarmUp.PARTITION);
  }

  @Test
  void theSourceIsReadOnlyOnceTheWarmUpHasEnded() {
    run("{type: even_only}", "{batch_rows: 64}");
    assertThat(table("a").warmUpEndedAt).isPositive();
    assertThat(table("a").firstWriteAt).isGreaterThan(table("a").warmUpEndedAt);
  }

  @Test
  void aSinkBehindAProcessorWithSideEffectsIsNotWarmed() {
    PipelineResult r = run("{type: even_only, side_effects: true}", "{batch_rows: 64}");
    assertThat(r.failure()).isNull();
    assertThat(table("a").warmUpRows).isEmpty();
    assertThat(table("a").rows).hasSize(129); // the real rows still pass: the even ones of the 258
    assertThat(table("b").warmUpRows).isNotEmpty(); // the first sink of its kind that can be warmed
  }

  @Test
  void warmUpFalseWarmsNothing() {
    PipelineResult r = run("", "{batch_rows: 64, warm_up: false}");
    assertThat(r.failure()).isNull();
    assertThat(table("a").warmUpRows).isEmpty();
    assertThat(table("dlq").warmUpRows).isEmpty();
    assertThat(table("a").rows).hasSize(258);
  }
}
