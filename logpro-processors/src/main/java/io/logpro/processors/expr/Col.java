package io.logpro.processors.expr;

/**
 * The values of one expression node for a whole batch: a primitive array with one slot per row
 * plus a null mask ({@code nulls == null} means no row is null). Arrays may be longer than the
 * batch (constants are cached at the largest size seen); nodes never write into their inputs.
 */
sealed interface Col {
  boolean[] nulls();

  default boolean isNull(int i) {
    boolean[] n = nulls();
    return n != null && n[i];
  }

  record Longs(long[] v, boolean[] nulls) implements Col {}

  record Doubles(double[] v, boolean[] nulls) implements Col {}

  record Bools(boolean[] v, boolean[] nulls) implements Col {}

  /** UTF-8 values: row i is {@code data[offsets[i] .. offsets[i+1])}. */
  record Strings(byte[] data, int[] offsets, boolean[] nulls) implements Col {
    int start(int i) {
      return offsets[i];
    }

    int end(int i) {
      return offsets[i + 1];
    }
  }

  /** The union of two null masks, sharing one when the other has no nulls. */
  static boolean[] orNulls(boolean[] a, boolean[] b, int n) {
    if (a == null) return b;
    if (b == null) return a;
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) out[i] = a[i] | b[i];
    return out;
  }

  /** A copy of {@code nulls} (or a fresh mask) that a node may write to. */
  static boolean[] writableNulls(boolean[] nulls, int n) {
    return nulls == null ? new boolean[n] : java.util.Arrays.copyOf(nulls, n);
  }
}
