package io.logpro.iceberg.parquet;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Parquet's finished pages (compressed, and the dictionary page) in Arrow memory, off the Java
 * heap, until their row group is flushed. A streaming sink keeps a file open from one commit to
 * the next, so on the heap these buffers outlived young collections, were promoted and then
 * collected by full collections: in the Kafka benchmark a quarter of the wall time was spent in
 * garbage collection. Here they are freed the moment Parquet releases them, are accounted to the
 * sink's allocator (its limit and its leak check on close), and cost the collector nothing.
 *
 * <p>One per file writer, used by one thread at a time.
 */
public final class PageMemory implements ByteBufferAllocator {
  private final BufferAllocator allocator;
  /** The Arrow buffer under each buffer handed out, by identity: Parquet releases the very buffers it got. */
  private final Map<ByteBuffer, ArrowBuf> live = new IdentityHashMap<>();

  public PageMemory(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  @Override
  public ByteBuffer allocate(int size) {
    // never the allocator's shared empty buffer: its view is one object, and views are the keys
    ArrowBuf buf = allocator.buffer(Math.max(1, size));
    ByteBuffer view;
    try {
      view = buf.nioBuffer(0, size);
    } catch (RuntimeException e) {
      buf.close();
      throw e;
    }
    live.put(view, buf);
    return view;
  }

  @Override
  public void release(ByteBuffer b) {
    ArrowBuf buf = live.remove(b);
    if (buf == null) throw new IllegalArgumentException("released a buffer that was not allocated here (or twice)");
    buf.close();
  }

  @Override
  public boolean isDirect() {
    return true;
  }

  /**
   * True when less than a third of the pipeline's Arrow memory limit is left. Open files hold
   * their pages in that memory until they are finished, so a sink commits early then: waiting for
   * its commit interval could leave no room for the batches on their way to it.
   */
  public static boolean isTight(BufferAllocator sinkMemory) {
    BufferAllocator root = sinkMemory;
    while (root.getParentAllocator() != null) root = root.getParentAllocator();
    long limit = root.getLimit();
    return limit != Long.MAX_VALUE && sinkMemory.getHeadroom() < limit / 3;
  }

  /** Frees whatever Parquet did not release (a writer that failed half-way). */
  void releaseAll() {
    for (ArrowBuf buf : live.values()) buf.close();
    live.clear();
  }
}
