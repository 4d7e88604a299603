package io.logpro.postgres.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class PgBinaryCopyEncoderTest {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

  /** The fields of each tuple of a COPY binary stream (null for a null field). */
  static List<byte[][]> decode(byte[] stream) {
    ByteBuffer b = ByteBuffer.wrap(stream);
    byte[] signature = new byte[11];
    b.get(signature);
    assertThat(signature).isEqualTo(SIGNATURE);
    assertThat(b.getInt()).as("flags").isZero();
    assertThat(b.getInt()).as("header extension").isZero();
    List<byte[][]> tuples = new ArrayList<>();
    for (short count = b.getShort(); count != -1; count = b.getShort()) {
      byte[][] fields = new byte[count][];
      for (int f = 0; f < count; f++) {
        int len = b.getInt();
        if (len >= 0) {
          fields[f] = new byte[len];
          b.get(fields[f]);
        }
      }
      tuples.add(fields);
    }
    assertThat(b.remaining()).as("nothing after the trailer").isZero();
    return tuples;
  }

  private static byte[] encode(ValueCodec[] codecs, int[] rows) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = new PgBinaryCopyEncoder().encode(codecs, rows, 0, rows.length, out::write);
    assertThat(n).isEqualTo(out.size());
    return out.toByteArray();
  }

  @Test
  void writesTheSelectedRowsInTheirOrderWithNulls() throws Exception {
    try (var alloc = new RootAllocator(); var ids = new IntVector("id", alloc); var names = new VarCharVector("name", alloc)) {
      ids.allocateNew(3);
      names.allocateNew(3);
      ids.set(0, 10);
      ids.setNull(1);
      ids.set(2, -3);
      names.setSafe(0, "zéro".getBytes(StandardCharsets.UTF_8));
      names.setSafe(1, new byte[0]);
      names.setNull(2);
      ids.setValueCount(3);
      names.setValueCount(3);
      ValueCodec[] codecs = {new IntegerCodec(ids, new ArrowType.Int(32, true), PgOids.INT4), new BytesCodec(names, -1), SeqCodec.INSTANCE};

      List<byte[][]> tuples = decode(encode(codecs, new int[] {2, 0, 1}));

      assertThat(tuples).hasSize(3);
      assertThat(tuples.get(0)[0]).containsExactly(0xFF, 0xFF, 0xFF, 0xFD);
      assertThat(tuples.get(0)[1]).isNull();
      assertThat(tuples.get(0)[2]).containsExactly(0, 0, 0, 2);
      assertThat(new String(tuples.get(1)[1], StandardCharsets.UTF_8)).isEqualTo("zéro");
      assertThat(tuples.get(2)[0]).isNull();
      assertThat(tuples.get(2)[1]).isEmpty();
    }
  }

  @Test
  void randomColumnsAndSelectionsDecodeToTheirValues() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 30; round++) {
      int n = random.nextInt(3 * PgBinaryCopyEncoder.WINDOW);
      try (var alloc = new RootAllocator(); var longs = new BigIntVector("l", alloc); var shorts = new SmallIntVector("s", alloc);
           var texts = new VarCharVector("t", alloc)) {
        Long[] l = new Long[n];
        Short[] s = new Short[n];
        String[] t = new String[n];
        for (int i = 0; i < n; i++) {
          if (random.nextInt(5) > 0) longs.setSafe(i, l[i] = random.nextLong()); else longs.setNull(i);
          if (random.nextInt(5) > 0) shorts.setSafe(i, s[i] = (short) random.nextInt()); else shorts.setNull(i);
          if (random.nextInt(5) > 0) texts.setSafe(i, (t[i] = randomText(random)).getBytes(StandardCharsets.UTF_8)); else texts.setNull(i);
        }
        longs.setValueCount(n);
        shorts.setValueCount(n);
        texts.setValueCount(n);
        int[] rows = random.ints(random.nextInt(n + 1), 0, Math.max(n, 1)).toArray();
        if (n == 0) rows = new int[0];
        ValueCodec[] codecs = {new IntegerCodec(longs, new ArrowType.Int(64, true), PgOids.INT8),
            new IntegerCodec(shorts, new ArrowType.Int(16, true), PgOids.INT2), new BytesCodec(texts, 1)};

        List<byte[][]> tuples = decode(encode(codecs, rows));

        assertThat(tuples).hasSize(rows.length);
        for (int k = 0; k < rows.length; k++) {
          int r = rows[k];
          byte[][] f = tuples.get(k);
          assertThat(f[0] == null ? null : ByteBuffer.wrap(f[0]).getLong()).isEqualTo(l[r]);
          assertThat(f[1] == null ? null : ByteBuffer.wrap(f[1]).getShort()).isEqualTo(s[r]);
          if (t[r] == null) {
            assertThat(f[2]).isNull();
          } else {
            assertThat(f[2][0]).as("jsonb version byte").isEqualTo((byte) 1);
            assertThat(new String(Arrays.copyOfRange(f[2], 1, f[2].length), StandardCharsets.UTF_8)).isEqualTo(t[r]);
          }
        }
      }
    }
  }

  private static String randomText(Random random) {
    StringBuilder sb = new StringBuilder();
    int len = random.nextInt(40);
    for (int i = 0; i < len; i++) {
      int cp = switch (random.nextInt(4)) {
        case 0 -> 'a' + random.nextInt(26);
        case 1 -> 0xE0 + random.nextInt(20);
        case 2 -> 0x4E00 + random.nextInt(500);
        default -> 0x1F600 + random.nextInt(50);
      };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }
}
