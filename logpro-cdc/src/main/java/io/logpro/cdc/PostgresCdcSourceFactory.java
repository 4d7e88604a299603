package io.logpro.cdc;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceFactory;
import java.time.Duration;
import java.util.Properties;

/**
 * The {@code postgres_cdc} source: PostgreSQL logical replication (pgoutput) through Debezium.
 * The server needs {@code wal_level=logical} and a role with REPLICATION; the slot and the
 * publication are created when absent.
 */
public final class PostgresCdcSourceFactory implements SourceFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("postgres_cdc",
          "Captures row changes of PostgreSQL tables through logical replication (Debezium, pgoutput): an initial snapshot,"
              + " then every insert, update and delete in commit order, as Arrow rows of one table per batch with"
              + " _op/_table/_source_ts/_tx_id/_lsn columns. Resumes exactly where the sinks committed; the replication"
              + " slot is confirmed only up to what every sink holds, so the server keeps the WAL until then.")
      .field(CdcConfig.hostname())
      .field(CdcConfig.port(5432))
      .field(FieldSpec.string("database", "The database to capture.").asRequired().withExample("shop"))
      .field(CdcConfig.user())
      .field(CdcConfig.password())
      .field(FieldSpec.strings("tables", "Tables to capture, as schema.table; all tables when absent.")
          .withExample("[public.orders, public.customers]"))
      .field(FieldSpec.string("slot", "Replication slot; created when absent. Default logpro_<pipeline name>.")
          .withExample("logpro_orders"))
      .field(FieldSpec.string("publication", "Publication; created when absent for the captured tables. Default logpro_<pipeline name>.")
          .withExample("logpro_orders"))
      .field(CdcConfig.snapshot())
      .field(FieldSpec.duration("heartbeat_interval",
              "How often to confirm progress when the captured tables are quiet, so that the slot does not hold WAL written"
                  + " by other tables; off when absent.")
          .withExample("30s"))
      .field(CdcConfig.properties())
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Source create(Config config) {
    CdcConfig.snapshotMode(config);
    CdcConfig.includeList(config, "tables", "schema.table");
    if (config.has("heartbeat_interval") && config.duration("heartbeat_interval").toMillis() <= 0) {
      throw config.error("heartbeat_interval", "expected a positive duration, found " + config.string("heartbeat_interval"));
    }
    return new CdcSource(new PostgresDialect(replicaIdentity(config)), pipeline -> properties(config, pipeline));
  }

  /** A catalog connection like Debezium's: same server and user, the database.* driver settings (ssl...). */
  static PgReplicaIdentity replicaIdentity(Config config) {
    Properties jdbc = new Properties();
    Properties passed = new Properties();
    CdcConfig.passThrough(config, passed);
    for (String k : passed.stringPropertyNames()) {
      if (k.startsWith("database.") && !k.equals("database.dbname")) jdbc.setProperty(k.substring("database.".length()), passed.getProperty(k));
    }
    jdbc.setProperty("user", config.string("user"));
    String password = config.string("password");
    if (password != null) jdbc.setProperty("password", password);
    String url = "jdbc:postgresql://" + config.string("hostname") + ":" + config.integer("port") + "/" + config.string("database");
    return new PgReplicaIdentity(url, jdbc);
  }

  static Properties properties(Config config, String pipelineName) {
    Properties p = CdcConfig.base(new PostgresDialect(), pipelineName, "microseconds");
    CdcConfig.connection(config, p);
    p.setProperty("database.dbname", config.string("database"));
    p.setProperty("plugin.name", "pgoutput");
    String slot = config.string("slot");
    String publication = config.string("publication");
    p.setProperty("slot.name", slot == null ? CdcConfig.slotName(pipelineName) : slot);
    p.setProperty("publication.name", publication == null ? CdcConfig.slotName(pipelineName) : publication);
    p.setProperty("publication.autocreate.mode", "filtered");
    String tables = CdcConfig.includeList(config, "tables", "schema.table");
    if (!tables.isEmpty()) p.setProperty("table.include.list", tables);
    p.setProperty("snapshot.mode", CdcConfig.snapshotMode(config));
    if (config.has("heartbeat_interval")) {
      Duration d = config.duration("heartbeat_interval");
      p.setProperty("heartbeat.interval.ms", String.valueOf(d.toMillis()));
      // PostgreSQL 15 sends nothing for transactions on tables outside the publication, so a
      // heartbeat alone would repeat the last offset. A transactional logical message gives
      // Debezium a commit to confirm, and the slot moves on.
      p.setProperty("heartbeat.action.query", "SELECT pg_logical_emit_message(true, 'logpro_heartbeat', '')");
    }
    CdcConfig.passThrough(config, p);
    return p;
  }
}
