package io.logpro.postgres;

/** Writes rows {@code rows[from..to)} of one batch into the target, in the open transaction. */
interface RowsWriter {
  void write(int[] rows, int from, int to) throws Exception;
}
