package io.logpro.postgres;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;

/** Which database errors are worth a retry, and which are a row's fault. */
final class SqlErrors {
  private SqlErrors() {}

  /**
   * Transient: the connection broke (class 08, an I/O error), the server shut the session down
   * (57P01..57P03), ran out of resources (class 53), or a concurrent transaction got in the way
   * (40001 serialization failure, 40P01 deadlock). The transaction is lost: reconnect and replay.
   */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) return true;
      if (t instanceof SQLException s) {
        String state = state(s);
        if (state != null && (state.startsWith("08") || state.startsWith("53") || state.equals("40001") || state.equals("40P01")
            || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A row's data is at fault: class 22 (data exception) or 23 (integrity constraint violation), or 54000 (a row too large). */
  static boolean isDataError(SQLException e) {
    String state = state(e);
    return state != null && (state.startsWith("22") || state.startsWith("23") || state.equals("54000"));
  }

  /** The SQLState, looking into a batch's next exception where the driver puts the server's error. */
  static String state(SQLException e) {
    SQLException s = rootOf(e);
    return s.getSQLState() != null ? s.getSQLState() : e.getSQLState();
  }

  /** "sqlstate: message" of the server's error, for dead letters. */
  static String describe(SQLException e) {
    SQLException s = rootOf(e);
    // The server's own message, without the driver's "ERROR: " and without the detail (which quotes the row).
    String message = s instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getMessage() != null
        ? p.getServerErrorMessage().getMessage() : s.getMessage() == null ? s.toString() : s.getMessage();
    // The driver appends the statement and a "Call getNextException" hint to batch errors; the first line says it.
    int nl = message.indexOf('\n');
    if (nl > 0) message = message.substring(0, nl);
    return state(e) + ": " + message.strip();
  }

  private static SQLException rootOf(SQLException e) {
    if (e instanceof BatchUpdateException && e.getNextException() != null) return e.getNextException();
    return e;
  }
}
