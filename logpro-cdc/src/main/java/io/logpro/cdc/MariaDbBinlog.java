package io.logpro.cdc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the MySQL source asks a binlog server over plain JDBC: whether it is MariaDB, and where the
 * transaction of a change began (its GTID event), read with {@code SHOW BINLOG EVENTS}.
 */
class MariaDbBinlog {
  private static final Logger log = LoggerFactory.getLogger(MariaDbBinlog.class);
  private final String url;
  private final Properties jdbc;
  private final int page;

  MariaDbBinlog(String url, Properties jdbc) {
    this(url, jdbc, 10_000);
  }

  MariaDbBinlog(String url, Properties jdbc, int page) {
    this.url = url;
    this.jdbc = jdbc;
    this.page = page;
  }

  private Connection connect() throws SQLException {
    return new com.mysql.cj.jdbc.Driver().connect(url, jdbc);
  }

  /** True for MariaDB; a server that cannot be asked counts as MySQL (whose offsets need no help). */
  boolean isMariaDb() {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      return rs.next() && rs.getString(1) != null && rs.getString(1).contains("MariaDB");
    } catch (SQLException e) {
      log.warn("cannot ask the binlog server for its version: {}", e.getMessage());
      return false;
    }
  }

  /**
   * The position of the last GTID event (a transaction's start) in {@code file} before
   * {@code before}, or -1 when none is found. Reads the file's event list from its start, a page
   * at a time, each page continuing from the end of the previous one.
   */
  long transactionStart(String file, long before) throws SQLException {
    long start = -1;
    long from = 4;
    String name = file.replace("'", "''");
    try (Connection c = connect(); Statement s = c.createStatement()) {
      while (true) {
        int rows = 0;
        try (ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + name + "' FROM " + from + " LIMIT " + page)) {
          while (rs.next()) {
            rows++;
            long pos = rs.getLong("Pos");
            if (pos >= before) return start;
            if ("Gtid".equalsIgnoreCase(rs.getString("Event_type"))) start = pos;
            from = rs.getLong("End_log_pos");
          }
        }
        if (rows < page) return start;
      }
    }
  }
}
