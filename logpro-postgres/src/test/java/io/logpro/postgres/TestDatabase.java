package io.logpro.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A database of its own on the local PostgreSQL (127.0.0.1:5432, user postgres) for one test class; dropped on close. */
final class TestDatabase implements AutoCloseable {
  static final String HOST = "127.0.0.1:5432";
  final String name = "logpro_pg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  TestDatabase() throws SQLException {
    try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
  }

  String url() {
    return "jdbc:postgresql://" + HOST + "/" + name;
  }

  Connection connect() throws SQLException {
    return connect(name);
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + "/" + database, "postgres", "");
  }

  void execute(String... sql) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String s : sql) st.execute(s);
    }
  }

  /** Every row of {@code query}, each as a list of JDBC objects. */
  List<List<Object>> rows(String query) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      List<List<Object>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
        out.add(row);
      }
      return out;
    }
  }

  Object value(String query) throws SQLException {
    List<List<Object>> rows = rows(query);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  /** Ends the sessions of a pipeline's sinks (their application name): what a server restart or a network cut does to them. */
  int terminateSinkSessions(String pipeline) throws SQLException {
    try (Connection c = connect("postgres"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + name
             + "' AND application_name LIKE 'logpro " + pipeline + "/%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
