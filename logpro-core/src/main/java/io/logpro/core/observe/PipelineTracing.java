package io.logpro.core.observe;

import io.logpro.core.engine.Pipeline;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One OpenTelemetry span per batch stage: {@code read}, {@code decode}, {@code process},
 * {@code write} (one per sink) and {@code commit}. A batch's read span is the root of its trace
 * and its later stages are children of it, so a trace shows one batch from the source to the
 * sinks; a commit, which covers every batch since the sink's previous one, joins the trace of
 * the last batch it covers.
 *
 * <p>Spans are created after the fact with the stage's own start and end times, so nothing is
 * carried on the engine's queues: the read spans of recent batches are found by sequence number
 * in a small ring (a batch whose entry was overwritten starts a trace of its own).
 */
public final class PipelineTracing implements Pipeline.StageObserver {
  public static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("logpro.pipeline");
  public static final AttributeKey<String> SINK = AttributeKey.stringKey("logpro.sink");
  public static final AttributeKey<Long> BATCH = AttributeKey.longKey("logpro.batch.seq");
  public static final AttributeKey<Long> ROWS = AttributeKey.longKey("logpro.rows");

  /** Far more than the batches in flight (a few per queue), so a live batch's read span is always found. */
  private static final int RING = 4096;
  private static final String[] NAMES = new String[Pipeline.Stage.values().length];

  static {
    for (Pipeline.Stage s : Pipeline.Stage.values()) NAMES[s.ordinal()] = s.name().toLowerCase(Locale.ROOT);
  }

  private record ReadSpan(long seq, Context context) {}

  private final Tracer tracer;
  private final String pipeline;
  private final AtomicReferenceArray<ReadSpan> reads = new AtomicReferenceArray<>(RING);
  // Stage times are System.nanoTime(); spans need wall-clock epoch nanos: anchor the two once.
  private final long anchorNanoTime;
  private final long anchorEpochNanos;

  public PipelineTracing(Tracer tracer, String pipeline) {
    this.tracer = tracer;
    this.pipeline = pipeline;
    Instant now = Instant.now();
    this.anchorNanoTime = System.nanoTime();
    this.anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private long epochNanos(long nanoTime) {
    return anchorEpochNanos + (nanoTime - anchorNanoTime);
  }

  @Override
  public void finished(Pipeline.Stage stage, String sink, long seq, int rows, long startNanos, long endNanos) {
    SpanBuilder b = tracer.spanBuilder(NAMES[stage.ordinal()])
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(epochNanos(startNanos), TimeUnit.NANOSECONDS)
        .setAttribute(PIPELINE, pipeline)
        .setAttribute(BATCH, seq);
    if (stage != Pipeline.Stage.COMMIT) b.setAttribute(ROWS, (long) rows);
    if (sink != null) b.setAttribute(SINK, sink);
    Context parent = stage == Pipeline.Stage.READ ? null : readSpanOf(seq);
    if (parent == null) b.setNoParent();
    else b.setParent(parent);
    Span span = b.startSpan();
    span.end(epochNanos(endNanos), TimeUnit.NANOSECONDS);
    if (stage == Pipeline.Stage.READ && seq >= 0) {
      reads.set(slot(seq), new ReadSpan(seq, Context.root().with(span)));
    }
  }

  private Context readSpanOf(long seq) {
    if (seq < 0) return null;
    ReadSpan r = reads.get(slot(seq));
    return r != null && r.seq() == seq ? r.context() : null;
  }

  private static int slot(long seq) {
    return (int) (seq & (RING - 1));
  }
}
