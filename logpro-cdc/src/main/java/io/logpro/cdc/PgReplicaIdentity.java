package io.logpro.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a PostgreSQL table's deletes carry the whole old row: only with REPLICA IDENTITY FULL.
 * Otherwise pgoutput sends the key alone, and Debezium fills the other NOT NULL columns of
 * {@code before} with stand-ins ("" or 0) that must not reach a sink as values. Read once per
 * table from pg_class over a plain JDBC connection.
 */
final class PgReplicaIdentity implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgReplicaIdentity.class);
  private final String url;
  private final Properties jdbc;
  private final Map<String, Boolean> full = new ConcurrentHashMap<>();
  private Connection connection;

  PgReplicaIdentity(String url, Properties jdbc) {
    this.url = url;
    this.jdbc = jdbc;
  }

  /** True when "schema.table" has REPLICA IDENTITY FULL; false when not, or when it cannot be read. */
  boolean isFull(String table) {
    return full.computeIfAbsent(table, this::read);
  }

  private synchronized boolean read(String table) {
    int dot = table.indexOf('.');
    try {
      if (connection == null || connection.isClosed()) connection = DriverManager.getConnection(url, jdbc);
      try (PreparedStatement s = connection.prepareStatement(
          "SELECT c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
        s.setString(1, table.substring(0, dot));
        s.setString(2, table.substring(dot + 1));
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() && "f".equals(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      log.warn("cannot read the replica identity of {} ({}); its deletes are taken to carry the key only", table, e.getMessage());
      return false;
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (connection != null) connection.close();
    } catch (SQLException e) {
      log.debug("closing the catalog connection failed: {}", e.getMessage());
    }
    connection = null;
  }
}
