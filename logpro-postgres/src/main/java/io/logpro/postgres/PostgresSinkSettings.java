package io.logpro.postgres;

import io.logpro.api.RetryPolicy;
import io.logpro.api.config.Config;
import java.util.List;

/**
 * The validated config of a {@code postgres} sink.
 *
 * @param config the block it came from: errors found later (no key for upsert) point at its lines
 */
public record PostgresSinkSettings(
    String url,
    String user,
    String password,
    TableName table,
    WriteMode mode,
    List<String> key,
    boolean createTable,
    boolean evolveSchema,
    List<String> columns,
    List<String> exclude,
    TableName offsetsTable,
    int insertBatchRows,
    long maxUncommittedBytes,
    RetryPolicy retry,
    Config config) {

  public PostgresSinkSettings {
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    exclude = List.copyOf(exclude);
  }

  /** A config error at {@code field} of this sink's block. */
  RuntimeException error(String field, String message) {
    return config.error(field, message);
  }

  /** The URL without its query string, which may hold a password: for logs. */
  String safeUrl() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  @Override
  public String toString() {
    return "PostgresSinkSettings[" + safeUrl() + ", table=" + table + ", mode=" + mode.configName() + "]";
  }
}
