package io.logpro.postgres;

import io.logpro.api.Checkpoint;
import io.logpro.api.RetryPolicy;
import io.logpro.api.checkpoint.CheckpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pipeline's acknowledged positions in PostgreSQL, in the same offsets table the
 * {@code postgres} sink uses (one row per pipeline, under the sink name {@value #ROW}): a store
 * several instances or a restarted container can share. Each save is one autocommitted upsert,
 * so it is atomic; transient errors reconnect and retry with the pipeline's retry policy.
 */
final class PostgresCheckpointStore implements CheckpointStore {
  static final String ROW = "*checkpoint*";
  private static final Logger log = LoggerFactory.getLogger(PostgresCheckpointStore.class);

  private final String url;
  private final String safeUrl;
  private final Properties props = new Properties();
  private final OffsetsTable table;
  private final String pipeline;
  private final RetryPolicy retry;
  private Connection connection;
  private boolean ensured;

  PostgresCheckpointStore(String url, String user, String password, TableName table, String pipeline, RetryPolicy retry) {
    this.url = url;
    this.safeUrl = url.replaceAll("(?i)password=[^&]*", "password=***");
    if (user != null) props.setProperty("user", user);
    if (password != null && !password.isEmpty()) props.setProperty("password", password);
    String app = "logpro " + pipeline + "/checkpoints";
    props.setProperty("ApplicationName", app.length() > 63 ? app.substring(0, 63) : app);
    this.table = new OffsetsTable(table);
    this.pipeline = pipeline;
    this.retry = retry;
  }

  @Override
  public Checkpoint load() throws Exception {
    return withConnection(c -> table.read(c, pipeline, ROW).checkpoint());
  }

  @Override
  public void save(Checkpoint checkpoint) throws Exception {
    withConnection(c -> {
      table.store(c, pipeline, ROW, checkpoint, 0);
      return null;
    });
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(Work<T> work) throws Exception {
    return retry.run(() -> {
      try {
        if (connection == null) connect();
        return work.run(connection);
      } catch (SQLException e) {
        close();
        throw e;
      }
    }, SqlErrors::isTransient, (attempt, e, delay) ->
        log.warn("checkpoint store {}: {} (attempt {}, retrying in {} ms)", safeUrl, e.getMessage(), attempt, delay.toMillis()));
  }

  private void connect() throws SQLException {
    // The driver directly, not DriverManager: it may not see drivers of a plugin class loader.
    Connection c = new org.postgresql.Driver().connect(url, props);
    if (c == null) throw new SQLException("not a PostgreSQL URL: " + safeUrl, "08001");
    if (!ensured) { // in a transaction of its own: ensure() uses a savepoint against a concurrent creator
      c.setAutoCommit(false);
      table.ensure(c);
      c.commit();
      ensured = true;
    }
    c.setAutoCommit(true);
    connection = c;
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("checkpoint store {}: close failed: {}", safeUrl, e.getMessage());
      }
      connection = null;
    }
  }
}
