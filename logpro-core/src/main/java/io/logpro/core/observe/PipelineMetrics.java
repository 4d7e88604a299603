package io.logpro.core.observe;

import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineState;
import io.logpro.core.engine.PipelineStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline's meters, named so that the Prometheus registry renders them as
 * {@code logpro_records_read_total}, {@code logpro_batch_seconds_bucket} and so on, each tagged
 * with {@code pipeline}.
 *
 * <p>Counters and gauges are functions over {@link PipelineStats} and the pipeline's queues,
 * evaluated when scraped: the stages only add to the atomics they already had. Timers are
 * recorded once per batch (never per row) from {@link #finished}.
 */
public final class PipelineMetrics implements Pipeline.StageObserver {
  /** The name of the dead-letter sink in the {@code sink} tag. */
  public static final String DLQ = "dlq";

  private final MeterRegistry registry;
  private final Tags tags;
  private final Timer decode;
  private final Timer process;
  private final Timer write;
  private final Map<String, Timer> commitBySink = new HashMap<>();

  public PipelineMetrics(Pipeline pipeline, MeterRegistry registry) {
    this.registry = registry;
    PipelineDefinition def = pipeline.definition();
    PipelineStats s = pipeline.stats();
    this.tags = Tags.of("pipeline", def.name());

    counter("logpro.records.read", "Records read from the source.", s, x -> x.recordsRead.get(), Tags.empty());
    counter("logpro.bytes.read", "Bytes of the records read from the source.", s, x -> x.bytesRead.get(), Tags.empty());
    counter("logpro.rows.decoded", "Rows decoded into Arrow batches.", s, x -> x.rowsDecoded.get(), Tags.empty());
    counter("logpro.dead.letters", "Rows sent to the dead-letter sink.", s, x -> x.deadLetters.get(), Tags.empty());
    failed("read", s.failedRead);
    failed("decode", s.failedDecode);
    failed("processor", s.failedProcessor);
    failed("sink", s.failedSink);

    List<String> sinks = new ArrayList<>();
    for (PipelineDefinition.SinkDefinition sd : def.sinks()) sinks.add(sd.name());
    sinks.add(DLQ);
    for (String sink : sinks) {
      Tags t = Tags.of("sink", sink);
      counter("logpro.rows.written", "Rows written to a sink.", s, x -> x.rowsWritten(sink).get(), t);
      counter("logpro.rows.skipped", "Rows a sink already held (committed before a restart) and were skipped.", s,
          x -> x.rowsSkipped(sink).get(), t);
      counter("logpro.commits", "Commits of a sink.", s, x -> x.commits(sink).get(), t);
      commitBySink.put(sink, histogram(Timer.builder("logpro.commit").description("Time a sink takes to commit.")
          .tags(tags).tags(t)).register(registry));
    }
    decode = histogram(batchTimer("decode")).register(registry);
    process = histogram(batchTimer("process")).register(registry);
    write = histogram(batchTimer("write")).register(registry);

    for (String queue : pipeline.queueNames()) {
      Tags t = Tags.of("queue", queue);
      gauge("logpro.queue.batches", "Batches waiting in a queue between stages.", pipeline, p -> p.queueBatches(queue), t);
      gauge("logpro.queue.bytes", "Bytes of the batches waiting in a queue between stages.", pipeline, p -> p.queueBytes(queue), t);
    }
    Gauge.builder("logpro.checkpoint.lag", s, PipelineStats::checkpointLagSeconds).baseUnit("seconds")
        .description("Seconds since the acknowledged positions last advanced while rows are in flight; 0 when all is acknowledged.")
        .tags(tags).register(registry);
    for (PipelineState state : PipelineState.values()) {
      gauge("logpro.pipeline.state", "1 for the pipeline's current state, 0 for the others.", pipeline,
          p -> p.state() == state ? 1 : 0, Tags.of("state", state.name()));
    }
  }

  private Timer.Builder batchTimer(String stage) {
    return Timer.builder("logpro.batch").description("Time one batch spends in a stage (decode, process or write).")
        .tags(tags).tag("stage", stage);
  }

  /** A percentile histogram with buckets from 100 µs to two minutes: a decode and an Iceberg commit both fit. */
  private static Timer.Builder histogram(Timer.Builder b) {
    return b.publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofMinutes(2));
  }

  private <T> void counter(String name, String doc, T obj, ToDoubleFunction<T> f, Tags extra) {
    FunctionCounter.builder(name, obj, f).description(doc).tags(tags).tags(extra).register(registry);
  }

  private void failed(String stage, AtomicLong count) {
    counter("logpro.rows.failed", "Rows dead-lettered, by the kind of stage that failed them (read, decode, processor, sink).",
        count, AtomicLong::get, Tags.of("stage", stage));
  }

  private <T> void gauge(String name, String doc, T obj, ToDoubleFunction<T> f, Tags extra) {
    Gauge.builder(name, obj, f).description(doc).tags(tags).tags(extra).register(registry);
  }

  @Override
  public void finished(Pipeline.Stage stage, String sink, long seq, int rows, long startNanos, long endNanos) {
    long nanos = endNanos - startNanos;
    switch (stage) {
      case DECODE -> decode.record(nanos, TimeUnit.NANOSECONDS);
      case PROCESS -> process.record(nanos, TimeUnit.NANOSECONDS);
      case WRITE -> write.record(nanos, TimeUnit.NANOSECONDS);
      case COMMIT -> {
        Timer t = commitBySink.get(sink);
        if (t != null) t.record(nanos, TimeUnit.NANOSECONDS);
      }
      case READ -> {} // a read lasts as long as the source waits for records: traced, not timed
    }
  }

  /** Registers the source-lag gauge when the source knows its lag (known only once it is open). */
  @Override
  public void opened(Pipeline pipeline) {
    pipeline.lagging().ifPresent(lagging -> Gauge.builder("logpro.source.lag.records", lagging, l -> {
          long v = l.recordsBehind();
          return v < 0 ? Double.NaN : v;
        })
        .description("Records between what the source has read and the head of its input (NaN while unknown).")
        .tags(tags).register(registry));
  }
}
