package io.logpro.core.observe;

import static io.logpro.core.observe.ObserveFixtures.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineResult;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spans of a run, caught by the SDK's in-memory exporter. */
class PipelineTracingTest {
  @TempDir Path tmp;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String name = "trace-" + id;

  private List<SpanData> traceABoundedRun() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      String sinks = """
          a: {type: memory, table: a-%s}
          b:
            type: memory
            table: b-%s
            processing:
              - type: even_only
          """.formatted(id, id);
      Pipeline p = new Pipeline(pipeline(name, "{type: counting, count: 1000, format: {type: number}}", sinks, tmp),
          ObserveFixtures.registry());
      try (Observability o = Observability.start(p, io.logpro.core.config.PipelineDefinition.Admin.NONE, provider, null)) {
        PipelineResult r = p.run();
        assertThat(r.failure()).isNull();
      }
      provider.forceFlush().join(10, TimeUnit.SECONDS);
      return exporter.getFinishedSpanItems();
    }
  }

  @Test
  void aRunHasASpanPerStageEachNamingThePipeline() throws Exception {
    List<SpanData> spans = traceABoundedRun();
    assertThat(spans.stream().map(SpanData::getName).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("read", "decode", "process", "write", "commit");
    assertThat(spans).allSatisfy(s -> assertThat(s.getAttributes().get(PipelineTracing.PIPELINE)).isEqualTo(name));
    assertThat(spans).allSatisfy(s -> assertThat(s.getEndEpochNanos()).isGreaterThanOrEqualTo(s.getStartEpochNanos()));
  }

  @Test
  void readRowsAddUpToTheRecordsAndWritesNameTheirSink() throws Exception {
    List<SpanData> spans = traceABoundedRun();
    long read = spans.stream().filter(s -> s.getName().equals("read")).mapToLong(s -> s.getAttributes().get(PipelineTracing.ROWS)).sum();
    assertThat(read).isEqualTo(1000);
    Map<String, Long> writtenBySink = spans.stream().filter(s -> s.getName().equals("write"))
        .collect(Collectors.groupingBy(s -> s.getAttributes().get(PipelineTracing.SINK),
            Collectors.summingLong(s -> s.getAttributes().get(PipelineTracing.ROWS))));
    assertThat(writtenBySink).containsEntry("a", 1000L).containsEntry("b", 500L).containsEntry("dlq", 500L);
    assertThat(spans.stream().filter(s -> s.getName().equals("commit")).map(s -> s.getAttributes().get(PipelineTracing.SINK)))
        .contains("a", "b", "dlq");
  }

  @Test
  void theLaterStagesOfABatchAreChildrenOfItsReadSpan() throws Exception {
    List<SpanData> spans = traceABoundedRun();
    Map<String, SpanData> readsById = spans.stream().filter(s -> s.getName().equals("read"))
        .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    assertThat(readsById.values()).allSatisfy(s -> assertThat(s.getParentSpanContext().isValid()).isFalse());
    for (SpanData s : spans) {
      if (s.getName().equals("read") || s.getName().equals("commit")) continue;
      SpanData read = readsById.get(s.getParentSpanId());
      assertThat(read).as("parent of %s", s).isNotNull();
      assertThat(s.getTraceId()).isEqualTo(read.getTraceId());
      assertThat(s.getAttributes().get(PipelineTracing.BATCH)).isEqualTo(read.getAttributes().get(PipelineTracing.BATCH));
    }
  }
}
