package io.logpro.core.engine;

import io.logpro.api.Checkpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a running pipeline, read by the progress line, the final summary and the metrics
 * (io.logpro.core.observe reads them when scraped). Stages only add to atomics here: no locks,
 * no allocation per batch beyond a map lookup.
 */
public final class PipelineStats {
  public final AtomicLong recordsRead = new AtomicLong();
  public final AtomicLong bytesRead = new AtomicLong();
  public final AtomicLong rowsDecoded = new AtomicLong();
  public final AtomicLong deadLetters = new AtomicLong();
  public final AtomicLong commits = new AtomicLong();
  /** Dead-lettered rows by the stage that failed them: records the source could not read at all... */
  public final AtomicLong failedRead = new AtomicLong();
  /** ...records the format could not decode... */
  public final AtomicLong failedDecode = new AtomicLong();
  /** ...rows a processor rejected... */
  public final AtomicLong failedProcessor = new AtomicLong();
  /** ...and rows a sink refused. Once all are delivered, the four add up to {@link #deadLetters}. */
  public final AtomicLong failedSink = new AtomicLong();
  private final Map<String, AtomicLong> rowsWritten = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> rowsSkipped = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> commitsBySink = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastCommitMillis = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();
  private final long startMillis = System.currentTimeMillis();

  // Checkpoint progress. Written by the decode thread (registered) and by sink threads under the
  // engine's ack lock (acknowledged); read by scrapes. Identity comparisons keep the writers cheap.
  private volatile Checkpoint lastRegistered = Checkpoint.empty();
  private volatile Checkpoint lastAcknowledged = Checkpoint.empty();
  private volatile long lastAcknowledgedMillis;
  private volatile long lastAdvanceNanos = startNanos;
  private volatile long busySinceNanos = startNanos;

  public AtomicLong rowsWritten(String sink) {
    return rowsWritten.computeIfAbsent(sink, k -> new AtomicLong());
  }

  public AtomicLong rowsSkipped(String sink) {
    return rowsSkipped.computeIfAbsent(sink, k -> new AtomicLong());
  }

  public Map<String, AtomicLong> rowsWrittenBySink() {
    return rowsWritten;
  }

  /** Commits of one sink (the dead-letter sink is "dlq"). */
  public AtomicLong commits(String sink) {
    return commitsBySink.computeIfAbsent(sink, k -> new AtomicLong());
  }

  /** When {@code sink} last committed (epoch milliseconds), or 0 if it has not yet. */
  public long lastCommitMillis(String sink) {
    AtomicLong t = lastCommitMillis.get(sink);
    return t == null ? 0 : t.get();
  }

  /** A sink committed. */
  void committed(String sink) {
    commits.incrementAndGet();
    commits(sink).incrementAndGet();
    lastCommitMillis.computeIfAbsent(sink, k -> new AtomicLong()).set(System.currentTimeMillis());
  }

  /** The pipeline resumes from {@code start}: what its sinks already hold counts as acknowledged. */
  void resumedAt(Checkpoint start) {
    lastRegistered = start;
    lastAcknowledged = start;
  }

  /** A unit entered the acknowledgement tracking with the positions up to it ({@code cumulative}). */
  void registered(Checkpoint cumulative) {
    // everything before was acknowledged: a busy period starts now (the checkpoint lag counts from here)
    if (lastRegistered == lastAcknowledged) busySinceNanos = System.nanoTime();
    lastRegistered = cumulative;
  }

  /** Every sink has committed up to {@code checkpoint}; it is saved and handed to the source. */
  void acknowledged(Checkpoint checkpoint) {
    lastAcknowledged = checkpoint;
    lastAcknowledgedMillis = System.currentTimeMillis();
    lastAdvanceNanos = System.nanoTime();
  }

  /** The last checkpoint every sink committed (or the one the run resumed from). */
  public Checkpoint lastAcknowledged() {
    return lastAcknowledged;
  }

  /** When {@link #lastAcknowledged()} was acknowledged in this run (epoch milliseconds), or 0. */
  public long lastAcknowledgedMillis() {
    return lastAcknowledgedMillis;
  }

  /**
   * Seconds since the acknowledged positions last advanced while rows are in flight (read but
   * not yet committed by every sink); 0 when everything read is acknowledged.
   */
  public double checkpointLagSeconds() {
    Checkpoint acked = lastAcknowledged;
    Checkpoint registered = lastRegistered;
    if (registered == acked || acked.covers(registered)) return 0;
    long since = Math.max(lastAdvanceNanos, busySinceNanos);
    return Math.max(0, System.nanoTime() - since) / 1e9;
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** When the pipeline was created (epoch milliseconds). */
  public long startMillis() {
    return startMillis;
  }
}
