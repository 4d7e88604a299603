package io.logpro.generate;

import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Emits rows {@code [start, start + rows)} of a {@link RowGenerator} as NDJSON messages. Row
 * {@code i} has position {@code ("generate:<name>:<seed>", i + 1)}, so seeking to a committed
 * position resumes with the next row. Optionally throttled to {@code rate} rows per second.
 */
public final class GenerateSource implements Source, Seekable {
  static final int MAX_RECORDS_PER_READ = 1_000_000;
  private final RowGenerator generator;
  private final RowGenerator.RowEncoder encoder;
  private final String partition;
  private final long start;
  private final long end;
  private final double rate;
  private long next;
  private long emittedSinceOpen;
  private long openedNanos;

  /**
   * @param rate rows per second, or {@code <= 0} for as fast as possible
   */
  public GenerateSource(RowGenerator generator, long start, long rows, double rate) {
    this.generator = generator;
    this.encoder = generator.newNdjsonEncoder();
    this.partition = partitionOf(generator);
    this.start = start;
    this.end = Math.addExact(start, rows);
    this.rate = rate;
    this.next = start;
  }

  /** The partition name all of this generator's positions carry. */
  public static String partitionOf(RowGenerator generator) {
    return "generate:" + generator.name() + ":" + generator.seed();
  }

  /** The index of the next row {@link #read} returns. */
  public long nextRow() {
    return next;
  }

  @Override
  public void open(PipelineContext context) {
    openedNanos = System.nanoTime();
    emittedSinceOpen = 0;
  }

  @Override
  public void seek(Checkpoint checkpoint) {
    Position p = checkpoint.get(partition);
    if (p == null) return;
    // A position is one past its row. A checkpoint before our range (another start) cannot
    // mean rows we never own, so the range start wins.
    next = Math.max(start, Math.min(end, p.sequence()));
  }

  @Override
  public SourceChunk read(int maxRecords, Duration maxWait) throws InterruptedException {
    if (next >= end) return SourceChunk.END;
    if (maxRecords <= 0) return SourceChunk.IDLE;
    // One read's records share one byte[]; the cap keeps it well below the 2 GB array limit.
    long n = Math.min(Math.min(maxRecords, MAX_RECORDS_PER_READ), end - next);
    if (rate > 0) {
      n = Math.min(n, awaitAllowance(maxWait));
      if (n <= 0) return SourceChunk.IDLE;
    }
    int count = (int) n;
    ByteSink sink = new ByteSink(Math.min(count, 65_536) * 440);
    int[] offsets = new int[count + 1];
    long[] timestamps = new long[count];
    for (int i = 0; i < count; i++) {
      offsets[i] = sink.size();
      timestamps[i] = encoder.encode(next + i, sink);
    }
    offsets[count] = sink.size();
    // One fresh buffer per read, shared by its messages and never written again.
    byte[] buffer = sink.array();
    List<RawMessage> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long row = next + i;
      messages.add(new RawMessage(buffer, offsets[i], offsets[i + 1] - offsets[i], null, Map.of(), timestamps[i],
          Position.of(partition, row + 1), null));
    }
    next += count;
    emittedSinceOpen += count;
    return new SourceChunk.Messages(messages);
  }

  /** How many rows the rate allows now, waiting up to {@code maxWait} for at least one. */
  private long awaitAllowance(Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      long now = System.nanoTime();
      long allowed = (long) ((now - openedNanos) / 1e9 * rate) + 1 - emittedSinceOpen;
      if (allowed > 0) return allowed;
      long untilNext = (long) ((emittedSinceOpen / rate) * 1e9) - (now - openedNanos);
      long sleep = Math.min(untilNext, deadline - now);
      if (sleep <= 0) return 0;
      Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
    }
  }

  @Override
  public void close() {}
}
