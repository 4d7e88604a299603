package io.logpro.core.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running pipeline, read by the progress line and the final summary. */
public final class PipelineStats {
  public final AtomicLong recordsRead = new AtomicLong();
  public final AtomicLong bytesRead = new AtomicLong();
  public final AtomicLong rowsDecoded = new AtomicLong();
  public final AtomicLong deadLetters = new AtomicLong();
  public final AtomicLong commits = new AtomicLong();
  private final Map<String, AtomicLong> rowsWritten = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> rowsSkipped = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();

  public AtomicLong rowsWritten(String sink) {
    return rowsWritten.computeIfAbsent(sink, k -> new AtomicLong());
  }

  public AtomicLong rowsSkipped(String sink) {
    return rowsSkipped.computeIfAbsent(sink, k -> new AtomicLong());
  }

  public Map<String, AtomicLong> rowsWrittenBySink() {
    return rowsWritten;
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
