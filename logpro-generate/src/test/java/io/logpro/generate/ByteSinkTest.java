package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSinkTest {

  private static String text(ByteSink s) {
    return new String(s.toByteArray(), StandardCharsets.US_ASCII);
  }

  @Test
  void hundredthsPrintOneOrTwoDecimals() {
    ByteSink s = new ByteSink(4);
    s.putHundredths(1250).put(' ').putHundredths(1235).put(' ').putHundredths(0).put(' ').putHundredths(5)
        .put(' ').putHundredths(-694).put(' ').putHundredths(-1);
    assertThat(text(s)).isEqualTo("12.5 12.35 0.0 0.05 -6.94 -0.01");
  }

  @Test
  void hundredthsParseBackToTheSameDouble() {
    Random random = new Random(7);
    ByteSink s = new ByteSink();
    for (int i = 0; i < 100_000; i++) {
      long h = random.nextLong(-10_000_000, 10_000_000);
      s.reset();
      s.putHundredths(h);
      assertThat(Double.parseDouble(text(s))).isEqualTo(h / 100.0);
    }
  }

  @Test
  void longsMatchLongToString() {
    Random random = new Random(11);
    ByteSink s = new ByteSink();
    for (int i = 0; i < 10_000; i++) {
      long v = i < 5 ? new long[] {0, 9, 10, Long.MAX_VALUE, Long.MIN_VALUE}[i] : random.nextLong();
      s.reset();
      s.putLong(v);
      assertThat(text(s)).isEqualTo(Long.toString(v));
    }
  }

  @Test
  void timestampsMatchJavaTimeFormatting() {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    Random random = new Random(3);
    ByteSink s = new ByteSink();
    for (int i = 0; i < 100_000; i++) {
      long sec = random.nextLong(-2_000_000_000L, 8_000_000_000L);
      s.reset();
      s.putTimestamp(sec);
      assertThat(text(s)).isEqualTo(LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC).format(f));
    }
  }

  @Test
  void growsPastItsInitialCapacity() {
    ByteSink s = new ByteSink(16);
    for (int i = 0; i < 1000; i++) s.putLong(i).put(',');
    assertThat(text(s)).startsWith("0,1,2,").endsWith(",999,");
  }
}
