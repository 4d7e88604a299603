package io.logpro.iceberg.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Zstandard page compression on pooled native contexts. Parquet's Hadoop codec path
 * ({@code ZstandardCodec.createOutputStream}) creates and frees a native compression stream for
 * every page of every column; a streaming sink that commits every second writes thousands of
 * small pages a second, and that set-up cost 12% of the Kafka benchmark's throughput. A context
 * per file would still hold a native context (about a megabyte) for each open partition file;
 * the pool holds one per thread compressing at the same time. The output is the standard
 * Zstandard frame, readable by any Parquet reader.
 */
final class ZstdPageCompressor implements CompressionCodecFactory.BytesInputCompressor {
  /** Parquet's default level. */
  static final int DEFAULT_LEVEL = 3;

  /** A native context and its output buffer, used by one thread at a time. */
  private static final class Slot {
    final ZstdCompressCtx context;
    byte[] out = new byte[0];

    Slot(int level) {
      context = new ZstdCompressCtx().setLevel(level);
    }
  }

  /** Idle slots by level; they live as long as the process, as many as ever compressed at once. */
  private static final ConcurrentHashMap<Integer, Queue<Slot>> IDLE = new ConcurrentHashMap<>();

  private final int level;
  private final Queue<Slot> idle;

  ZstdPageCompressor(int level) {
    this.level = level;
    this.idle = IDLE.computeIfAbsent(level, l -> new ConcurrentLinkedQueue<>());
  }

  @Override
  public BytesInput compress(BytesInput bytes) throws IOException {
    byte[] in = bytes.toByteArray();
    Slot slot = idle.poll();
    if (slot == null) slot = new Slot(level);
    try {
      int bound = (int) Zstd.compressBound(in.length);
      if (slot.out.length < bound) slot.out = new byte[bound];
      int n = slot.context.compressByteArray(slot.out, 0, slot.out.length, in, 0, in.length);
      return BytesInput.from(Arrays.copyOf(slot.out, n)); // a copy: the page store keeps it past this call
    } finally {
      idle.offer(slot);
    }
  }

  @Override
  public CompressionCodecName getCodecName() {
    return CompressionCodecName.ZSTD;
  }

  /** Nothing to free: the contexts go back to the pool after each page. */
  @Override
  public void release() {}
}
