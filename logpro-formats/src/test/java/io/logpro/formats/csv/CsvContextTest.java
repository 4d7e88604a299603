package io.logpro.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvContextTest {
  @Test
  void newlineCountMatchesAByteLoop() {
    Random r = new Random(8);
    for (int round = 0; round < 2000; round++) {
      byte[] b = new byte[r.nextInt(50)];
      for (int k = 0; k < b.length; k++) b[k] = (byte) (r.nextInt(4) == 0 ? '\n' : r.nextInt(8) == 0 ? 0x0B : r.nextInt(256));
      int s = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      int e = s + r.nextInt(b.length - s + 1);
      long expected = 0;
      for (int k = s; k < e; k++) if (b[k] == '\n') expected++;
      assertThat(CsvContext.countNewlines(b, s, e)).isEqualTo(expected);
    }
  }

  @Test
  void lineAtCountsFromTheAnchor() {
    byte[] b = "a\nb\n\nc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CsvContext c = new CsvContext(null, b, 2, 10);
    assertThat(c.lineAt(2)).isEqualTo(10);
    assertThat(c.lineAt(5)).isEqualTo(12);
  }
}
