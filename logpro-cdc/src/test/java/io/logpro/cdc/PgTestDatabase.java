package io.logpro.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the local PostgreSQL (5432, user postgres, trust), with the names of
 * a replication slot and publication for it; dropped with its slot when closed.
 */
final class PgTestDatabase implements AutoCloseable {
  static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  final String name;
  final String slot;
  final String publication;

  PgTestDatabase() throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    name = "cdc_it_" + id;
    slot = "cdc_it_slot_" + id;
    publication = "cdc_it_pub_" + id;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  static Connection admin() throws SQLException {
    return DriverManager.getConnection(ADMIN_URL, "postgres", "");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "");
  }

  void exec(String... sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String q : sql) s.execute(q);
    }
  }

  /** The slot's confirmed_flush_lsn, or -1 when the slot does not exist (yet). */
  long confirmedFlushLsn() throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  /** The current WAL insert position. */
  long currentLsn() throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
          if (!rs.next()) break;
          int pid = rs.getInt(1);
          if (!rs.wasNull()) {
            // The source closed; its walsender may still be exiting.
            if (System.currentTimeMillis() > deadline) s.execute("SELECT pg_terminate_backend(" + pid + ")");
            Thread.sleep(200);
            continue;
          }
        }
        s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
        break;
      }
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
