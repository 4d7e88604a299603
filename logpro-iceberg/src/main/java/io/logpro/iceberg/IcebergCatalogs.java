package io.logpro.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Opens the catalogs logpro writes to, and resolves warehouse paths and catalog URIs in one
 * place. The embedded default is Iceberg's JDBC catalog on a SQLite file inside the warehouse
 * ({@code <warehouse>/catalog.db}); a PostgreSQL (or any JDBC) catalog differs only by its URI.
 */
public final class IcebergCatalogs {
  public static final String DEFAULT_WAREHOUSE = "./lakehouse";
  public static final String DEFAULT_NAME = "logpro";
  /** SQLite waits this long for a lock held by another writer (another sink, another process). */
  static final String SQLITE_BUSY_TIMEOUT_MS = "60000";

  private IcebergCatalogs() {}

  /** Where and how to reach a catalog. {@code uri} null means the embedded SQLite file. */
  public record Settings(
      String type, String name, String warehouse, String uri, String user, String password, Map<String, String> properties) {
    public Settings {
      type = type == null ? "jdbc" : type.toLowerCase(Locale.ROOT);
      name = name == null || name.isBlank() ? DEFAULT_NAME : name;
      warehouse = warehouse == null || warehouse.isBlank() ? DEFAULT_WAREHOUSE : warehouse;
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static Settings jdbc(String warehouse, String uri) {
      return new Settings("jdbc", null, warehouse, uri, null, null, Map.of());
    }
  }

  /** The JDBC catalog of {@code warehouse}; {@code uri} null means {@code jdbc:sqlite:<warehouse>/catalog.db}. */
  public static Catalog open(String warehouse, String uri) {
    return open(Settings.jdbc(warehouse, uri));
  }

  public static Catalog open(Settings s) {
    Path warehouse = warehousePath(s.warehouse());
    try {
      Files.createDirectories(warehouse);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create warehouse " + warehouse, e);
    }
    Map<String, String> props = new HashMap<>();
    props.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString());
    props.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
    Configuration conf = hadoopConf();
    return switch (s.type()) {
      case "hadoop" -> {
        props.putAll(s.properties());
        yield CatalogUtil.loadCatalog("org.apache.iceberg.hadoop.HadoopCatalog", s.name(), props, conf);
      }
      case "jdbc" -> {
        String uri = catalogUri(warehouse, s.uri());
        props.put(CatalogProperties.URI, uri);
        props.put("jdbc.schema-version", "V1");
        if (uri.startsWith("jdbc:sqlite:")) {
          props.put("jdbc.busy_timeout", SQLITE_BUSY_TIMEOUT_MS);
          // No WAL: a pooled connection that keeps an old read snapshot fails every later write with
          // SQLITE_BUSY_SNAPSHOT; with the rollback journal writers simply wait (busy_timeout).
          // Take the write lock when a transaction begins: a deferred transaction that reads first
          // fails with SQLITE_BUSY_SNAPSHOT when another writer got in between, and busy_timeout cannot help.
          props.put("jdbc.transaction_mode", "IMMEDIATE");
          // One connection per catalog: SQLite serialises writers anyway, more only adds lock waits.
          props.put(CatalogProperties.CLIENT_POOL_SIZE, "1");
        }
        if (s.user() != null) props.put("jdbc.user", s.user());
        if (s.password() != null) props.put("jdbc.password", s.password());
        props.putAll(s.properties());
        yield initWithRetry(s.name(), props, conf);
      }
      default -> throw new IllegalArgumentException("unknown catalog type '" + s.type() + "', expected jdbc or hadoop");
    };
  }

  /**
   * Iceberg's JDBC catalog leaves the ResultSet of its "do my tables exist?" check open on a
   * pooled connection. On SQLite that open statement holds a read lock (a stale snapshot in WAL
   * mode) for the connection's life, and every later commit of another writer fails with
   * SQLITE_BUSY. So the tables are created by a throwaway catalog that is closed at once, and the
   * catalog handed out skips that check. Two processes opening a fresh SQLite catalog at once can
   * both try to create the tables; the loser succeeds on the next try.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Object> INIT_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Catalog initWithRetry(String name, Map<String, String> props, Configuration conf) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        // One initialisation at a time per catalog database in this JVM: two at once on SQLite can
        // deadlock (one holds the read lock of its open "tables exist?" result while waiting for
        // the other's write, which waits for that read lock) until busy_timeout runs out.
        synchronized (INIT_LOCKS.computeIfAbsent(props.get(CatalogProperties.URI), k -> new Object())) {
          try (JdbcCatalog init = new JdbcCatalog(null, null, true)) {
            init.setConf(conf);
            init.initialize(name, props);
          }
        }
        JdbcCatalog catalog = new JdbcCatalog(null, null, false);
        catalog.setConf(conf);
        catalog.initialize(name, props);
        return catalog;
      } catch (RuntimeException e) {
        last = e;
        sleep(50L << attempt);
      }
    }
    throw last;
  }

  /** The absolute, normalised warehouse directory. */
  public static Path warehousePath(String warehouse) {
    String w = warehouse == null || warehouse.isBlank() ? DEFAULT_WAREHOUSE : warehouse;
    return LocalFileIO.toPath(w).toAbsolutePath().normalize();
  }

  /** {@code uri}, or the embedded SQLite catalog file of the warehouse when it is null or blank. */
  public static String catalogUri(Path warehouse, String uri) {
    if (uri != null && !uri.isBlank()) return uri;
    return "jdbc:sqlite:" + warehouse.resolve("catalog.db");
  }

  /** "ns.table" or "a.b.table" (the last part is the table). */
  public static TableIdentifier tableId(String name) {
    return TableIdentifier.parse(name);
  }

  /** Hadoop's local file system without checksum sidecars, for the Hadoop catalog's own files. */
  static Configuration hadoopConf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
