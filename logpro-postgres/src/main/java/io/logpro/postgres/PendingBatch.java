package io.logpro.postgres;

import io.logpro.api.Batch;

/**
 * A batch written since the last commit. Kept (retained) until the commit, because a lost
 * connection loses its transaction: the sink then replays every pending batch in a new one.
 */
final class PendingBatch {
  final Batch batch;
  /** Written in the connection's current transaction. */
  boolean written;
  /** The rows to write: every row but those already sent to the dead letters (null until first written). */
  int[] rows;

  PendingBatch(Batch batch) {
    this.batch = batch;
  }

  /** Drops {@code rejected} rows from {@code rows}: a replay neither writes nor rejects them again. */
  void dropRows(java.util.BitSet rejected) {
    int n = 0;
    for (int r : rows) {
      if (!rejected.get(r)) rows[n++] = r;
    }
    rows = java.util.Arrays.copyOf(rows, n);
  }
}
