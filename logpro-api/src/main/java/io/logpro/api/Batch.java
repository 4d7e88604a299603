package io.logpro.api;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An Arrow record batch on its way through a pipeline, with the source positions it covers.
 * Reference counted: the creator holds one reference; whoever keeps it past the call that handed
 * it over calls {@link #retain()}, and every holder calls {@link #release()} once. The last
 * release closes the Arrow vectors (leaks fail the tests: allocators are closed with checks).
 */
public final class Batch implements AutoCloseable {
  private final VectorSchemaRoot root;
  private final RowOrigins origins;
  private final Checkpoint positions;
  private final long minEventTimeMs;
  private final long maxEventTimeMs;
  private final AtomicInteger refs = new AtomicInteger(1);

  public Batch(VectorSchemaRoot root, RowOrigins origins, Checkpoint positions, long minEventTimeMs, long maxEventTimeMs) {
    this.root = root;
    this.origins = origins;
    this.positions = positions == null ? Checkpoint.empty() : positions;
    this.minEventTimeMs = minEventTimeMs;
    this.maxEventTimeMs = maxEventTimeMs;
  }

  public Batch(VectorSchemaRoot root, RowOrigins origins, Checkpoint positions) {
    this(root, origins, positions, RawMessage.NO_TIMESTAMP, RawMessage.NO_TIMESTAMP);
  }

  /** A new batch over {@code newRoot} that covers the same positions; this batch is untouched. */
  public Batch derive(VectorSchemaRoot newRoot, RowOrigins newOrigins) {
    return new Batch(newRoot, newOrigins, positions, minEventTimeMs, maxEventTimeMs);
  }

  public VectorSchemaRoot root() {
    return root;
  }

  /** The raw message of each row, or null when the source delivered columns. */
  public RowOrigins origins() {
    return origins;
  }

  /** The last position of each source partition this batch covers. */
  public Checkpoint positions() {
    return positions;
  }

  public int rowCount() {
    return root.getRowCount();
  }

  public long minEventTimeMs() {
    return minEventTimeMs;
  }

  public long maxEventTimeMs() {
    return maxEventTimeMs;
  }

  /** Bytes held by the batch's vectors. */
  public long sizeInBytes() {
    long total = 0;
    for (var v : root.getFieldVectors()) total += v.getBufferSize();
    return total;
  }

  public Batch retain() {
    if (refs.getAndIncrement() <= 0) {
      refs.decrementAndGet();
      throw new IllegalStateException("batch already released");
    }
    return this;
  }

  public void release() {
    int left = refs.decrementAndGet();
    if (left == 0) {
      root.close();
    } else if (left < 0) {
      throw new IllegalStateException("batch released more often than retained");
    }
  }

  public int refCount() {
    return refs.get();
  }

  @Override
  public void close() {
    release();
  }
}
