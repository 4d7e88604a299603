package io.logpro.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Finds the rows the target refuses without failing the batch: the rows are written under a
 * savepoint; on a data error (SQLState class 22 or 23) the savepoint is rolled back and each
 * half is written the same way, down to single rows, which go to the dead letters with the
 * server's error. A batch with b bad rows of n costs about 2·b·log2(n) extra round trips; a
 * clean batch costs a savepoint.
 */
final class BadRowBisector {
  private static final String SAVEPOINT = "logpro_rows";

  /** Receives a refused row and the server's error ("sqlstate: message"). */
  interface Rejects {
    void reject(int row, String error);
  }

  private BadRowBisector() {}

  static void write(Connection c, RowsWriter writer, int[] rows, int from, int to, Rejects rejects) throws Exception {
    execute(c, "SAVEPOINT " + SAVEPOINT);
    try {
      writer.write(rows, from, to);
    } catch (SQLException e) {
      if (!SqlErrors.isDataError(e) || SqlErrors.isTransient(e)) throw e;
      execute(c, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
      if (to - from == 1) {
        rejects.reject(rows[from], SqlErrors.describe(e));
      } else {
        int mid = (from + to) >>> 1;
        write(c, writer, rows, from, mid, rejects);
        write(c, writer, rows, mid, to, rejects);
      }
    }
    // The halves released their own savepoints: the most recent one of this name is this call's.
    execute(c, "RELEASE SAVEPOINT " + SAVEPOINT);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
