package io.logpro.postgres.copy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One value in PostgreSQL's binary numeric format: int2 ndigits, int2 weight, int2 sign, int2
 * dscale, then ndigits base-10000 digits, most significant first, the first one worth
 * 10000^weight. Built without BigDecimal for 128-bit decimals and longs (the common case: the
 * magnitude is held in 32-bit limbs and divided by 10000); reused value after value.
 */
public final class PgNumeric {
  static final int POSITIVE = 0x0000;
  static final int NEGATIVE = 0x4000;
  static final int NAN = 0xC000;
  static final int PLUS_INFINITY = 0xD000;
  static final int MINUS_INFINITY = 0xF000;
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
  private static final long MASK = 0xFFFF_FFFFL;

  /** The magnitude in 32-bit limbs, most significant first (160 bits: 128 and a factor up to 1000). */
  private final long[] limbs = new long[5];
  /** Base-10000 digits, least significant first. */
  private short[] groups = new short[12];
  private int ngroups;
  private int weight;
  private int sign;
  private int dscale;

  /** A two's complement 128-bit unscaled value ({@code hi:lo}) with {@code scale} ≥ 0 digits after the point. */
  public PgNumeric set128(long lo, long hi, int scale) {
    sign = hi < 0 ? NEGATIVE : POSITIVE;
    if (hi < 0) { // negate: two's complement of the 128-bit value
      lo = ~lo + 1;
      hi = ~hi + (lo == 0 ? 1 : 0);
    }
    limbs[0] = 0;
    limbs[1] = hi >>> 32;
    limbs[2] = hi & MASK;
    limbs[3] = lo >>> 32;
    limbs[4] = lo & MASK;
    // Scale the magnitude so that the point falls between two base-10000 digits.
    int pad = (4 - scale % 4) % 4;
    if (pad > 0) multiply(pad == 1 ? 10 : pad == 2 ? 100 : 1000);
    ngroups = 0;
    while (!isZero()) push((short) divide10000());
    finish(scale, (scale + pad) / 4);
    return this;
  }

  public PgNumeric setLong(long v, int scale) {
    return set128(v, v >> 63, scale);
  }

  /** An unsigned 64-bit value (Arrow UInt64). */
  public PgNumeric setUnsignedLong(long v) {
    return set128(v, 0, 0);
  }

  public PgNumeric setBigDecimal(BigDecimal d) {
    BigInteger unscaled = d.unscaledValue();
    int scale = d.scale();
    if (scale < 0) {
      unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
      scale = 0;
    }
    if (unscaled.bitLength() < 127) {
      return set128(unscaled.longValue(), unscaled.shiftRight(64).longValue(), scale);
    }
    // Wider than 128 bits (Decimal256, a double's exact value): the slow road.
    sign = unscaled.signum() < 0 ? NEGATIVE : POSITIVE;
    int pad = (4 - scale % 4) % 4;
    BigInteger m = unscaled.abs().multiply(BigInteger.TEN.pow(pad));
    ngroups = 0;
    while (m.signum() > 0) {
      BigInteger[] qr = m.divideAndRemainder(TEN_THOUSAND);
      push(qr[1].shortValue());
      m = qr[0];
    }
    finish(scale, (scale + pad) / 4);
    return this;
  }

  /** A double: NaN and the infinities as numeric's special values, else its shortest decimal form. */
  public PgNumeric setDouble(double v) {
    if (Double.isNaN(v)) return special(NAN);
    if (Double.isInfinite(v)) return special(v > 0 ? PLUS_INFINITY : MINUS_INFINITY);
    return setBigDecimal(BigDecimal.valueOf(v));
  }

  public PgNumeric setFloat(float v) {
    if (Float.isNaN(v) || Float.isInfinite(v)) return setDouble(v);
    return setBigDecimal(new BigDecimal(Float.toString(v)));
  }

  private PgNumeric special(int s) {
    sign = s;
    ngroups = 0;
    weight = 0;
    dscale = 0;
    return this;
  }

  private void finish(int scale, int fractionGroups) {
    dscale = scale;
    if (ngroups == 0) {
      weight = 0;
      sign = POSITIVE;
      return;
    }
    weight = ngroups - 1 - fractionGroups;
    // Trailing zero digits carry nothing (dscale keeps the display scale): drop them.
    int drop = 0;
    while (drop < ngroups && groups[drop] == 0) drop++;
    if (drop > 0) {
      System.arraycopy(groups, drop, groups, 0, ngroups - drop);
      ngroups -= drop;
    }
  }

  private void push(short g) {
    if (ngroups == groups.length) groups = Arrays.copyOf(groups, ngroups * 2);
    groups[ngroups++] = g;
  }

  private boolean isZero() {
    return (limbs[0] | limbs[1] | limbs[2] | limbs[3] | limbs[4]) == 0;
  }

  private void multiply(int factor) {
    long carry = 0;
    for (int i = limbs.length - 1; i >= 0; i--) {
      long x = limbs[i] * factor + carry;
      limbs[i] = x & MASK;
      carry = x >>> 32;
    }
  }

  /** Divides the magnitude by 10000 in place; returns the remainder. */
  private int divide10000() {
    long rem = 0;
    for (int i = 0; i < limbs.length; i++) {
      long cur = (rem << 32) | limbs[i];
      limbs[i] = cur / 10_000;
      rem = cur % 10_000;
    }
    return (int) rem;
  }

  /** Bytes of the encoded value. */
  public int size() {
    return 8 + 2 * ngroups;
  }

  /** Writes the encoded value at {@code pos}; returns the position after it. */
  public int write(byte[] out, int pos) {
    pos = BigEndian.putShort(out, pos, ngroups);
    pos = BigEndian.putShort(out, pos, weight);
    pos = BigEndian.putShort(out, pos, sign);
    pos = BigEndian.putShort(out, pos, dscale);
    for (int i = ngroups - 1; i >= 0; i--) pos = BigEndian.putShort(out, pos, groups[i]);
    return pos;
  }
}
