package io.logpro.iceberg.parquet;

/**
 * The row of the bound Arrow batch that the value writers read next. One mutable instance is
 * passed for every row so that appending a row allocates nothing.
 */
public final class RowCursor {
  int row;

  public RowCursor at(int row) {
    this.row = row;
    return this;
  }

  public int row() {
    return row;
  }
}
