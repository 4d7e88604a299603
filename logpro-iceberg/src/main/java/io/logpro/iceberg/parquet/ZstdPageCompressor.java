package io.logpro.iceberg.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Zstandard page compression on a native context and direct buffers owned by the compressing
 * thread. Parquet's Hadoop codec path ({@code ZstandardCodec.createOutputStream}) creates and
 * frees a native compression stream for every page of every column; a streaming sink that commits
 * every second writes thousands of small pages a second, and that set-up cost 12% of the Kafka
 * benchmark's throughput. A context per file would hold a native context (about a megabyte) for
 * each open partition file; one per thread holds one per sink.
 *
 * <p>Pages are compressed from Parquet's own (direct) buffers into the thread's output buffer
 * without a copy on the heap, and the result is a view of that buffer: it is valid until the same
 * thread compresses again. Parquet's page writer copies it into the column chunk before it
 * returns ({@code ColumnChunkPageWriter.writePage} collects it, a dictionary page is copied), so
 * the view is never read after that. The output is the standard Zstandard frame.
 */
final class ZstdPageCompressor implements CompressionCodecFactory.BytesInputCompressor {
  /** Parquet's default level. */
  static final int DEFAULT_LEVEL = 3;

  private static final Cleaner CLEANER = Cleaner.create();
  /** Each thread's context and buffers, by level; freed when the thread is gone. */
  private static final ThreadLocal<Map<Integer, Slot>> SLOTS = ThreadLocal.withInitial(HashMap::new);

  /** A native context and its direct buffers, used by one thread. */
  private static final class Slot implements ByteBufferAllocator {
    final ZstdCompressCtx context;
    ByteBuffer in = ByteBuffer.allocateDirect(0);
    ByteBuffer out = ByteBuffer.allocateDirect(0);

    Slot(int level) {
      ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(level);
      this.context = ctx;
      CLEANER.register(this, ctx::close); // the action holds the context only, not the slot
    }

    /** The input buffer, big enough for {@code size} bytes (Parquet writes the page into it). */
    @Override
    public ByteBuffer allocate(int size) {
      if (in.capacity() < size) in = ByteBuffer.allocateDirect(grow(size));
      return in.clear().limit(size);
    }

    @Override
    public void release(ByteBuffer b) {}

    @Override
    public boolean isDirect() {
      return true;
    }

    ByteBuffer output(int size) {
      if (out.capacity() < size) out = ByteBuffer.allocateDirect(grow(size));
      return out;
    }

    /** Buffers grow in steps of an eighth so that pages a little bigger than the last do not reallocate each time. */
    private static int grow(int size) {
      return (int) Math.min(Integer.MAX_VALUE, size + (long) size / 8);
    }
  }

  private static final Consumer<ByteBuffer> KEEP = b -> {};

  private final int level;

  ZstdPageCompressor(int level) {
    this.level = level;
  }

  @Override
  public BytesInput compress(BytesInput bytes) {
    Slot slot = SLOTS.get().computeIfAbsent(level, Slot::new);
    // the page's own buffer when it is one direct buffer, else the page copied into the slot's
    ByteBuffer in = bytes.toByteBuffer(slot, KEEP);
    int size = in.remaining();
    ByteBuffer out = slot.output((int) Zstd.compressBound(size));
    int n = slot.context.compressDirectByteBuffer(out, 0, out.capacity(), in, in.position(), size);
    return BytesInput.from(out, 0, n);
  }

  @Override
  public CompressionCodecName getCodecName() {
    return CompressionCodecName.ZSTD;
  }

  /** Nothing to free: the context and buffers stay with the thread for its next file. */
  @Override
  public void release() {}
}
