package io.logpro.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database of its own on the local MariaDB (3306, root, no password), dropped when closed. */
final class MariaDbTestDatabase implements AutoCloseable {
  final String name;

  MariaDbTestDatabase() throws SQLException {
    name = "cdc_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    exec("CREATE DATABASE " + name);
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?user=root&password=&connectionTimeZone=UTC");
  }

  void exec(String... sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      for (String q : sql) s.execute(q.replace("$db", name));
    }
  }

  @Override
  public void close() throws SQLException {
    exec("DROP DATABASE IF EXISTS " + name);
  }
}
