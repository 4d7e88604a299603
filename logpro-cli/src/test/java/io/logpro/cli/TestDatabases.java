package io.logpro.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Databases of the local servers for the integration tests: created per test, dropped after (slots first). */
final class TestDatabases {
  static final String PG_HOST = "127.0.0.1";

  private TestDatabases() {}

  static String uniqueSuffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  static String pgUrl(String database) {
    return "jdbc:postgresql://" + PG_HOST + ":5432/" + database;
  }

  static Connection pg(String database) throws SQLException {
    return DriverManager.getConnection(pgUrl(database), "postgres", "");
  }

  static void createPg(String database) throws SQLException {
    try (Connection c = pg("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  /** Drops the database after its replication slots (a logical slot pins its database). */
  static void dropPg(String database) {
    try (Connection c = pg("postgres"); Statement s = c.createStatement()) {
      for (int attempt = 0; attempt < 20; attempt++) {
        List<String> slots = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = '" + database + "'")) {
          while (rs.next()) slots.add(rs.getString(1));
        }
        s.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = '" + database + "' AND active_pid IS NOT NULL");
        boolean dropped = true;
        for (String slot : slots) {
          try {
            s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
          } catch (SQLException e) {
            dropped = false; // still active for a moment after its walsender was terminated
          }
        }
        if (dropped) break;
        Thread.sleep(250);
      }
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "' AND pid <> pg_backend_pid()");
      s.execute("DROP DATABASE IF EXISTS " + database);
    } catch (Exception e) {
      System.err.println("could not drop test database " + database + ": " + e);
    }
  }

  static String mariaUrl(String database) {
    return "jdbc:mysql://127.0.0.1:3306/" + database + "?user=root&password=&useSSL=false&allowPublicKeyRetrieval=true";
  }

  static Connection maria(String database) throws SQLException {
    return DriverManager.getConnection(mariaUrl(database));
  }

  static void createMaria(String database) throws SQLException {
    try (Connection c = maria(""); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  static void dropMaria(String database) {
    try (Connection c = maria(""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
    } catch (Exception e) {
      System.err.println("could not drop test database " + database + ": " + e);
    }
  }
}
