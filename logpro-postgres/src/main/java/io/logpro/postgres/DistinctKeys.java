package io.logpro.postgres;

import org.apache.arrow.vector.BaseIntVector;

/**
 * Whether some rows of a batch have pairwise different values of an integer key: then no key
 * repeats, MERGE needs no DISTINCT ON, and PostgreSQL skips a sort per batch. An open-addressing
 * set of longs, reused batch after batch (a generation stamp clears it).
 */
final class DistinctKeys {
  private long[] keys = new long[0];
  private int[] stamps = new int[0];
  private int generation;

  /** True when no two of {@code rows[from..to)} share a key value, and none is null. */
  boolean distinct(BaseIntVector key, int[] rows, int from, int to) {
    int n = to - from;
    int capacity = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
    if (keys.length < capacity) {
      keys = new long[capacity];
      stamps = new int[capacity];
      generation = 0;
    }
    if (++generation == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamps, 0);
      generation = 1;
    }
    int mask = keys.length - 1;
    for (int k = from; k < to; k++) {
      int row = rows[k];
      if (key.isNull(row)) return false;
      long v = key.getValueAsLong(row);
      int slot = (int) mix(v) & mask;
      while (stamps[slot] == generation) {
        if (keys[slot] == v) return false;
        slot = (slot + 1) & mask;
      }
      stamps[slot] = generation;
      keys[slot] = v;
    }
    return true;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    return z ^ (z >>> 33);
  }
}
