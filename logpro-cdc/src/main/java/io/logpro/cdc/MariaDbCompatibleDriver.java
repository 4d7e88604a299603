package io.logpro.cdc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The MySQL JDBC driver, with one statement translated for MariaDB.
 *
 * <p>Why this exists: Debezium 3.x reads MariaDB with its own connector (debezium-connector-mariadb),
 * but no 3.6 release of it is published, and the 3.5 one does not link against Debezium 3.6
 * (NoSuchMethodError in its core). The MySQL connector 3.6 reads MariaDB's binlog by file and
 * position, but asks for the binlog position with {@code SHOW BINARY LOG STATUS} (MySQL 8.4) and
 * takes MariaDB's version "10.11" for a MySQL at least 8.4, so it refuses MariaDB outright. On a
 * MariaDB server this driver answers that one statement with {@code SHOW MASTER STATUS} (same
 * columns); everything else, and every MySQL server, passes through untouched. Drop it for the
 * MariaDB connector once a release matching Debezium's version is available.
 */
public final class MariaDbCompatibleDriver implements Driver {
  private static final String MYSQL_84 = "SHOW BINARY LOG STATUS";
  private static final String MARIADB = "SHOW MASTER STATUS";
  private final Driver mysql;

  public MariaDbCompatibleDriver() throws SQLException {
    mysql = new com.mysql.cj.jdbc.Driver();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    Connection c = mysql.connect(url, info);
    if (c == null) return null;
    String version = c.getMetaData().getDatabaseProductVersion();
    return version != null && version.contains("MariaDB") ? translating(c, Connection.class) : c;
  }

  @SuppressWarnings("unchecked")
  private static <T> T translating(T target, Class<T> type) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (args != null) {
        for (int i = 0; i < args.length; i++) {
          if (args[i] instanceof String sql && sql.trim().equalsIgnoreCase(MYSQL_84)) args[i] = MARIADB;
        }
      }
      try {
        Object result = method.invoke(target, args);
        return result instanceof Statement s && method.getReturnType() == Statement.class ? translating(s, Statement.class) : result;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return mysql.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return mysql.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return mysql.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return mysql.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return mysql.jdbcCompliant();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return mysql.getParentLogger();
  }
}
