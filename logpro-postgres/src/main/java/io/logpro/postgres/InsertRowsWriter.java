package io.logpro.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * Mode insert: one INSERT ... VALUES per row, sent {@code batchRows} at a time as a JDBC batch
 * (the driver's reWriteBatchedInserts turns a batch into multi-row INSERTs), or one statement
 * per row when {@code batchRows} is 1.
 */
final class InsertRowsWriter implements RowsWriter {
  private final Connection connection;
  private final String sql;
  private final JdbcValues.Binder[] binders;
  private final int batchRows;

  InsertRowsWriter(Connection connection, String sql, JdbcValues.Binder[] binders, int batchRows) {
    this.connection = connection;
    this.sql = sql;
    this.binders = binders;
    this.batchRows = batchRows;
  }

  @Override
  public void write(int[] rows, int from, int to) throws Exception {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int batched = 0;
      for (int k = from; k < to; k++) {
        int row = rows[k];
        for (int c = 0; c < binders.length; c++) binders[c].bind(ps, c + 1, row);
        if (batchRows == 1) {
          ps.executeUpdate();
        } else {
          ps.addBatch();
          if (++batched == batchRows) {
            ps.executeBatch();
            batched = 0;
          }
        }
      }
      if (batched > 0) ps.executeBatch();
    }
  }
}
