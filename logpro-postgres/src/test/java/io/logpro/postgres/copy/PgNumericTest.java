package io.logpro.postgres.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PgNumericTest {

  /** The value a server reads from numeric's binary format, or null for NaN; "Infinity"/"-Infinity" throw. */
  static BigDecimal decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int n = b.getShort();
    int weight = b.getShort();
    int sign = b.getShort() & 0xFFFF;
    int dscale = b.getShort();
    if (sign == PgNumeric.NAN) return null;
    if (sign == PgNumeric.PLUS_INFINITY || sign == PgNumeric.MINUS_INFINITY) throw new ArithmeticException(sign == PgNumeric.PLUS_INFINITY ? "Infinity" : "-Infinity");
    BigDecimal v = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      int digit = b.getShort();
      assertThat(digit).isBetween(0, 9999);
      if (i == 0 || i == n - 1) assertThat(digit).as("no leading or trailing zero digit").isNotZero();
      v = v.add(BigDecimal.valueOf(digit).scaleByPowerOfTen(4 * (weight - i)));
    }
    assertThat(b.remaining()).isZero();
    v = v.setScale(dscale);
    return sign == PgNumeric.NEGATIVE ? v.negate() : v;
  }

  static byte[] encode(PgNumeric n) {
    byte[] out = new byte[n.size()];
    assertThat(n.write(out, 0)).isEqualTo(out.length);
    return out;
  }

  @Test
  void encodesDigitsWeightSignAndScaleAsPostgresDoes() {
    // 12.34: digits 12 and 3400, the first worth 10000^0
    assertThat(encode(new PgNumeric().set128(1234, 0, 2))).containsExactly(0, 2, 0, 0, 0, 0, 0, 2, 0, 12, 0x0D, 0x48);
    // -0.0005: one digit 5 worth 10000^-1, scale 4
    assertThat(encode(new PgNumeric().setLong(-5, 4))).containsExactly(0, 1, 0xFF, 0xFF, 0x40, 0, 0, 4, 0, 5);
    // 0 with scale 3: no digits
    assertThat(encode(new PgNumeric().setLong(0, 3))).containsExactly(0, 0, 0, 0, 0, 0, 0, 3);
    // 10000000: one digit 1000 worth 10000^1 (trailing zero digit dropped)
    assertThat(encode(new PgNumeric().setLong(10_000_000, 0))).containsExactly(0, 1, 0, 1, 0, 0, 0, 0, 0x03, 0xE8);
  }

  @Test
  void floatingPointSpecialsBecomeNumericSpecials() {
    assertThat(decode(encode(new PgNumeric().setDouble(Double.NaN)))).isNull();
    assertThat(encode(new PgNumeric().setDouble(Double.POSITIVE_INFINITY))).containsExactly(0, 0, 0, 0, 0xD0, 0, 0, 0);
    assertThat(encode(new PgNumeric().setDouble(Double.NEGATIVE_INFINITY))).containsExactly(0, 0, 0, 0, 0xF0, 0, 0, 0);
  }

  @Test
  void randomDecimalsOf128BitsSurviveTheRoundTrip() {
    Random random = new Random(20261125);
    PgNumeric n = new PgNumeric();
    for (int i = 0; i < 20_000; i++) {
      BigInteger unscaled = new BigInteger(1 + random.nextInt(127), random);
      if (random.nextBoolean()) unscaled = unscaled.negate();
      int scale = random.nextInt(40);
      BigDecimal expected = new BigDecimal(unscaled, scale);
      BigDecimal got = decode(encode(n.set128(unscaled.longValue(), unscaled.shiftRight(64).longValue(), scale)));
      assertThat(got).as("%s", expected).isEqualTo(expected);
    }
  }

  @Test
  void randomLongsDoublesAndWideDecimalsSurviveTheRoundTrip() {
    Random random = new Random(7);
    PgNumeric n = new PgNumeric();
    for (int i = 0; i < 20_000; i++) {
      long l = random.nextLong() >> random.nextInt(64);
      assertThat(decode(encode(n.setLong(l, 0)))).isEqualTo(BigDecimal.valueOf(l));
      assertThat(decode(encode(n.setUnsignedLong(l)))).isEqualTo(new BigDecimal(new BigInteger(Long.toUnsignedString(l))));

      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(d)) {
        assertThat(decode(encode(n.setDouble(d))).compareTo(BigDecimal.valueOf(d))).isZero();
      }

      BigDecimal wide = new BigDecimal(new BigInteger(128 + random.nextInt(200), random), random.nextInt(120) - 40);
      if (random.nextBoolean()) wide = wide.negate();
      BigDecimal got = decode(encode(n.setBigDecimal(wide)));
      assertThat(got.compareTo(wide)).as("%s", wide).isZero();
      assertThat(got.scale()).isEqualTo(Math.max(wide.scale(), 0));
    }
  }
}
