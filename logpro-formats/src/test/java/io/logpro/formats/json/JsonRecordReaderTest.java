package io.logpro.formats.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {
  @Test
  void newlineSearchFindsTheFirstNewlineInRange() {
    Random r = new Random(3);
    for (int round = 0; round < 2000; round++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int k = 0; k < b.length; k++) b[k] = (byte) (r.nextInt(8) == 0 ? '\n' : r.nextInt(8) == 0 ? 0x0B : r.nextInt(256));
      int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = -1;
      for (int k = from; k < to; k++) {
        if (b[k] == '\n') {
          expected = k;
          break;
        }
      }
      assertThat(JsonRecordReader.indexOfNewline(b, from, to)).isEqualTo(expected);
    }
  }
}
