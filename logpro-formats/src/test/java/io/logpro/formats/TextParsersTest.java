package io.logpro.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class TextParsersTest {
  final TextParsers p = new TextParsers();

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  long ts(String s) {
    byte[] x = b(s);
    return p.parseTimestamp(x, 0, x.length);
  }

  @Test
  void parseDoubleMatchesTheJdkOnRandomValues() {
    Random r = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      String s = switch (i % 4) {
        case 0 -> String.valueOf(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
        case 1 -> (r.nextInt(200000) - 100000) + "." + r.nextInt(100);
        case 2 -> String.valueOf(Double.longBitsToDouble(r.nextLong()));
        default -> r.nextInt(10000) + "e" + (r.nextInt(60) - 30);
      };
      if (s.equals("NaN") || s.contains("Infinity")) continue;
      byte[] x = b(s);
      double v = p.parseDouble(x, 0, x.length);
      assertThat(p.ok).as(s).isTrue();
      assertThat(v).as(s).isEqualTo(Double.parseDouble(s));
    }
  }

  @Test
  void parseDoubleRejectsWhatIsNotANumber() {
    for (String s : new String[] {"", "-", ".", "1e", "1.5d", "0x10", "1,5", "abc", "1 2", "--1"}) {
      byte[] x = b(s);
      p.parseDouble(x, 0, x.length);
      assertThat(p.ok).as(s).isFalse();
    }
  }

  @Test
  void parseLongHandlesLimitsAndRejectsOverflow() {
    byte[] max = b(String.valueOf(Long.MAX_VALUE));
    byte[] min = b(String.valueOf(Long.MIN_VALUE));
    assertThat(p.parseLong(max, 0, max.length)).isEqualTo(Long.MAX_VALUE);
    assertThat(p.parseLong(min, 0, min.length)).isEqualTo(Long.MIN_VALUE);
    byte[] over = b("9223372036854775808");
    p.parseLong(over, 0, over.length);
    assertThat(p.ok).isFalse();
  }

  @Test
  void timestampsMatchJavaTimeIncludingOffsets() {
    Random r = new Random(8);
    for (int i = 0; i < 20_000; i++) {
      LocalDateTime t = LocalDateTime.of(1 + r.nextInt(9998), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60),
          r.nextInt(1_000_000) * 1000);
      long expected = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
      String iso = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
          t.getMinute(), t.getSecond(), t.getNano() / 1000);
      assertThat(ts(iso)).isEqualTo(expected);
      assertThat(ts(iso.replace('T', ' ') + "Z")).isEqualTo(expected);
      assertThat(p.hadOffset).isTrue();
      assertThat(ts(iso + "+02:30")).isEqualTo(expected - (2 * 3600 + 30 * 60) * 1_000_000L);
    }
  }

  @Test
  void invalidTimestampsAreRejected() {
    for (String s : new String[] {"2024-02-30 00:00:00", "2024-13-01 00:00:00", "2024-01-01 24:00:00", "2024-01-01", "2024-01-01 10:00:00+",
        "2024/01/01 10:00:00", "2024-01-01 10:00:00.", "yesterday"}) {
      ts(s);
      assertThat(p.ok).as(s).isFalse();
    }
  }

  @Test
  void utf8ValidationMatchesTheJdkDecoder() {
    Random r = new Random(9);
    for (int i = 0; i < 100_000; i++) {
      byte[] x = new byte[r.nextInt(8)];
      r.nextBytes(x);
      boolean jdk;
      try {
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(x));
        jdk = true;
      } catch (java.nio.charset.CharacterCodingException e) {
        jdk = false;
      }
      assertThat(TextParsers.validUtf8(x, 0, x.length)).as(java.util.HexFormat.of().formatHex(x)).isEqualTo(jdk);
    }
  }

  @Test
  void arrowTypesParseAndPrintEveryConfigName() {
    for (String n : new String[] {"int32", "int64", "float32", "float64", "bool", "string", "binary", "date", "time", "timestamp",
        "timestamptz", "decimal(10,2)"}) {
      ArrowType t = ArrowTypes.parse(n);
      assertThat(ArrowTypes.toString(t)).isEqualTo(n);
    }
    assertThatThrownBy(() -> ArrowTypes.parse("decimal(40,2)")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inferenceLatticeWidensAsDocumented() {
    var K = SchemaInference.Kind.class;
    assertThat(SchemaInference.join(SchemaInference.Kind.INT64, SchemaInference.Kind.FLOAT64)).isEqualTo(SchemaInference.Kind.FLOAT64);
    assertThat(SchemaInference.join(SchemaInference.Kind.INT64, SchemaInference.Kind.BOOL)).isEqualTo(SchemaInference.Kind.STRING);
    assertThat(SchemaInference.join(SchemaInference.Kind.NULL, SchemaInference.Kind.TIMESTAMP)).isEqualTo(SchemaInference.Kind.TIMESTAMP);
    assertThat(SchemaInference.join(SchemaInference.Kind.TIMESTAMP, SchemaInference.Kind.FLOAT64)).isEqualTo(SchemaInference.Kind.STRING);
    assertThat(SchemaInference.arrowType(SchemaInference.Kind.NULL)).isEqualTo(ArrowTypes.STRING);
    assertThat(K).isNotNull();
  }
}
