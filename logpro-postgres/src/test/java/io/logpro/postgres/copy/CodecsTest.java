package io.logpro.postgres.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class CodecsTest {
  private static final PgType INT4 = PgType.of(PgOids.INT4, "integer", 'N');
  private static final PgType UUID_TYPE = PgType.of(PgOids.UUID, "uuid", 'U');

  private static Field field(ArrowType type) {
    return new Field("f", FieldType.nullable(type), null);
  }

  @Test
  void choosesADirectEncodingOnlyWhereTheBinaryFormatsMatch() {
    assertThat(Codecs.factory(field(new ArrowType.Int(64, true)), INT4)).isNotNull();
    assertThat(Codecs.factory(field(ArrowType.Utf8.INSTANCE), UUID_TYPE)).isNotNull();
    assertThat(Codecs.factory(field(new ArrowType.FixedSizeBinary(16)), UUID_TYPE)).isNotNull();
    assertThat(Codecs.factory(field(new ArrowType.FixedSizeBinary(8)), UUID_TYPE)).isNull();
    assertThat(Codecs.factory(field(ArrowType.Utf8.INSTANCE), INT4)).isNull();
    assertThat(Codecs.factory(field(ArrowType.Binary.INSTANCE), PgType.of(PgOids.TEXT, "text", 'S'))).isNull();
    assertThat(Codecs.factory(field(ArrowType.Utf8.INSTANCE), PgType.of(12345, "mood", 'E'))).as("enum labels are text").isNotNull();
    assertThat(Codecs.factory(field(ArrowType.Null.INSTANCE), INT4)).isNotNull();
  }

  @Test
  void narrowingIntegersRejectOnlyValuesOutOfRange() {
    try (var alloc = new RootAllocator(); var v = new BigIntVector("v", alloc)) {
      long[] values = {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L};
      for (int i = 0; i < values.length; i++) v.setSafe(i, values[i]);
      v.setValueCount(values.length);
      ValueCodec c = Codecs.factory(v.getField(), INT4).create(v);
      assertThat(c.mayReject()).isTrue();
      assertThat(List.of(c.reject(0) == null, c.reject(1) == null, c.reject(2) == null, c.reject(3) == null))
          .containsExactly(true, false, true, false);
      assertThat(c.reject(1)).isEqualTo("22003: value 2147483648 is out of range for type integer");
    }
  }

  @Test
  void secondTimestampsThatOverflowMicrosecondsAreRejected() {
    try (var alloc = new RootAllocator(); var v = new TimeStampSecVector("v", alloc)) {
      v.setSafe(0, Long.MAX_VALUE / 10);
      v.setSafe(1, 0);
      v.setValueCount(2);
      ValueCodec c = new TemporalCodecs.TimestampCodec(v, TimeUnit.SECOND);
      assertThat(c.reject(0)).startsWith("22008: timestamp out of range");
      assertThat(c.reject(1)).isNull();
    }
  }

  @Test
  void uuidTextParsesEitherFormAndRejectsTheRest() {
    Random random = new Random(3);
    for (int i = 0; i < 1_000; i++) {
      UUID u = new UUID(random.nextLong(), random.nextLong());
      for (String s : List.of(u.toString(), u.toString().toUpperCase(), u.toString().replace("-", ""))) {
        byte[] out = new byte[16];
        assertThat(UuidCodec.parse(s.getBytes(StandardCharsets.US_ASCII), s.length(), out, 0)).isTrue();
        assertThat(java.nio.ByteBuffer.wrap(out).getLong()).isEqualTo(u.getMostSignificantBits());
        assertThat(java.nio.ByteBuffer.wrap(out, 8, 8).getLong()).isEqualTo(u.getLeastSignificantBits());
      }
    }
    for (String bad : List.of("123e4567-e89b-12d3-a456-42661417400g", "123e4567xe89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174z00")) {
      assertThat(UuidCodec.parse(bad.getBytes(StandardCharsets.US_ASCII), bad.length(), null, 0)).as(bad).isFalse();
    }
  }
}
