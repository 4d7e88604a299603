package io.logpro.iceberg.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.junit.jupiter.api.Test;

class ZstdPageCompressorTest {
  @Test
  void pagesOfAnySizeComeBackAsTheyWereOneContextServingThemAll() throws Exception {
    Random random = new Random(7);
    ZstdPageCompressor compressor = new ZstdPageCompressor(ZstdPageCompressor.DEFAULT_LEVEL);
    try {
      // large before small, so that the reused output buffer is longer than the page
      for (int size : new int[] {1 << 20, 0, 1, 17, 4096, 300_000, 5}) {
        byte[] page = new byte[size];
        for (int i = 0; i < size; i++) page[i] = (byte) (random.nextInt(100) < 70 ? 'a' + random.nextInt(4) : random.nextInt());
        byte[] compressed = compressor.compress(BytesInput.from(page)).toByteArray();
        assertThat(Zstd.decompress(compressed, size)).as("page of %d bytes", size).isEqualTo(page);
      }
    } finally {
      compressor.release();
    }
  }

  @Test
  void repetitiveDataShrinks() throws Exception {
    ZstdPageCompressor compressor = new ZstdPageCompressor(1);
    try {
      byte[] page = "2024-01-01 00:00:00,".repeat(10_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(compressor.compress(BytesInput.from(page)).size()).isLessThan(page.length / 20);
    } finally {
      compressor.release();
    }
  }

  @Test
  void aPageInOneDirectBufferIsCompressedWhereItLies() throws Exception {
    ZstdPageCompressor compressor = new ZstdPageCompressor(ZstdPageCompressor.DEFAULT_LEVEL);
    byte[] page = "pickup,dropoff,".repeat(5_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(page.length + 10);
    direct.position(10); // a page that starts inside its buffer
    direct.put(page).flip().position(10);
    byte[] compressed = compressor.compress(BytesInput.from(direct.slice())).toByteArray();
    assertThat(Zstd.decompress(compressed, page.length)).isEqualTo(page);
  }
}
