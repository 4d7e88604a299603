package io.logpro.cdc;

import io.logpro.api.config.Config;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Config fields and Debezium properties shared by the three CDC sources. */
final class CdcConfig {
  private CdcConfig() {}

  static final String SNAPSHOT_DOC = "When to copy the existing rows before streaming changes: initial (when no position is stored),"
      + " never, always (on every start), initial_only (copy, then end).";

  static FieldSpec hostname() {
    return FieldSpec.string("hostname", "Database server host.").asRequired().withExample("db.internal");
  }

  static FieldSpec port(int port) {
    return FieldSpec.integer("port", "Database server port.").withDefault((long) port);
  }

  static FieldSpec user() {
    return FieldSpec.string("user", "Database user.").asRequired().withExample("logpro");
  }

  static FieldSpec password() {
    return FieldSpec.string("password", "Password of the user.").asSecret().withExample("${DB_PASSWORD}");
  }

  static FieldSpec snapshot() {
    return FieldSpec.oneOf("snapshot", SNAPSHOT_DOC, "initial", "never", "always", "initial_only").withDefault("initial");
  }

  static FieldSpec properties() {
    return FieldSpec.of("properties", FieldType.ANY,
            "Further Debezium connector properties passed through as they are (ssl, snapshot tuning...);"
                + " those logpro sets for its guarantees (offsets, types, names) cannot be overridden.")
        .asSecret().withExample("{snapshot.fetch.size: 5000}");
  }

  static FieldSpec stateDir() {
    return FieldSpec.string("state_dir", "Where Debezium keeps the captured tables' schema history (must survive restarts);"
        + " default ./state/cdc/<pipeline>.").withExample("/var/lib/logpro/cdc/orders");
  }

  /** Properties every CDC source sets, whatever the user passes. */
  static final Set<String> FIXED = Set.of("name", "connector.class", "offset.storage", "offset.flush.interval.ms", "topic.prefix",
      "decimal.handling.mode", "time.precision.mode", "tombstones.on.delete", "include.schema.changes", "provide.transaction.metadata",
      "column.propagate.source.type");

  /** The common engine and connector properties (retries, flushing, types), before the user's. */
  static Properties base(CdcDialect dialect, String pipelineName, String timePrecision) {
    Properties p = new Properties();
    p.setProperty("connector.class", dialect.connectorClass());
    p.setProperty("topic.prefix", topicPrefix(pipelineName));
    // Flushed offsets are only those of acknowledged changes, so flush on every acknowledgement.
    p.setProperty("offset.flush.interval.ms", "0");
    p.setProperty("decimal.handling.mode", "precise");
    p.setProperty("time.precision.mode", timePrecision);
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("include.schema.changes", "false");
    p.setProperty("provide.transaction.metadata", "false");
    p.setProperty("column.propagate.source.type", ".*");
    // A lost server is retried by Debezium (reconnect, restart the connector) a few times before
    // the source reports the failure from read().
    p.setProperty("errors.max.retries", "5");
    p.setProperty("errors.retry.delay.initial.ms", "1000");
    p.setProperty("errors.retry.delay.max.ms", "10000");
    p.setProperty("retriable.restart.connector.wait.ms", "5000");
    // Latency: Debezium waits up to poll.interval.ms for more changes before handing a batch over;
    // the pipeline batches again (engine.linger), so a short wait here costs little.
    p.setProperty("poll.interval.ms", "50");
    p.setProperty("max.batch.size", "4096");
    p.setProperty("max.queue.size", "16384");
    p.setProperty("debezium.embedded.shutdown.pause.before.interrupt.ms", "10000");
    return p;
  }

  /** The user's pass-through properties; a key logpro sets is a config error. */
  static void passThrough(Config config, Properties p) {
    Object raw = config.raw("properties");
    if (raw == null) return;
    if (!(raw instanceof Map<?, ?> m)) throw config.error("properties", "expected a mapping of Debezium properties, found '" + raw + "'");
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (FIXED.contains(key) || key.startsWith("offset.storage")) {
        throw config.error("properties", key + " is set by logpro (its offsets and Arrow types depend on it) and cannot be changed");
      }
      if (e.getValue() != null) p.setProperty(key, String.valueOf(e.getValue()));
    }
  }

  static void connection(Config config, Properties p) {
    p.setProperty("database.hostname", config.string("hostname"));
    p.setProperty("database.port", String.valueOf(config.integer("port")));
    p.setProperty("database.user", config.string("user"));
    String password = config.string("password");
    p.setProperty("database.password", password == null ? "" : password);
  }

  static String snapshotMode(Config config) {
    String s = config.string("snapshot");
    return switch (s) {
      case "initial", "always", "initial_only" -> s;
      case "never" -> "no_data";
      default -> throw config.error("snapshot", "expected initial, never, always or initial_only, found '" + s + "'");
    };
  }

  /** "schema.table" names as Debezium include-list patterns (dots are regex wildcards there). */
  static String includeList(Config config, String key, String form) {
    List<String> out = new ArrayList<>();
    for (String t : config.strings(key)) {
      String name = t.trim();
      if (name.isEmpty()) continue;
      if (form != null && !name.contains(".")) throw config.error(key, "expected " + form + ", found '" + name + "'");
      out.add(name.replace(".", "\\."));
    }
    return String.join(",", out);
  }

  /** Debezium's topic prefix from the pipeline name: letters, digits, '.', '_' and '-'. */
  static String topicPrefix(String pipelineName) {
    String s = pipelineName == null ? "" : pipelineName.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() ? "logpro" : s;
  }

  /** A PostgreSQL replication slot or publication name: lower case, digits and '_', at most 63. */
  static String slotName(String pipelineName) {
    String s = "logpro_" + (pipelineName == null ? "" : pipelineName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
    return s.length() > 63 ? s.substring(0, 63) : s;
  }
}
