package io.logpro.cdc;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code mysql_cdc} source: the MySQL or MariaDB binlog through Debezium's MySQL connector
 * (MariaDB by way of {@link MariaDbCompatibleDriver}). The server needs {@code binlog_format=ROW},
 * {@code binlog_row_image=FULL} and a {@code server_id}; the user needs SELECT, RELOAD, SHOW
 * DATABASES, REPLICATION SLAVE and REPLICATION CLIENT. The schema history lives in {@code state_dir}.
 */
public final class MySqlCdcSourceFactory implements SourceFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("mysql_cdc",
          "Captures row changes of MySQL or MariaDB tables from the binlog (Debezium): an initial snapshot, then every"
              + " insert, update and delete in commit order, as Arrow rows of one table per batch with"
              + " _op/_table/_source_ts/_tx_id/_binlog_file/_binlog_pos columns. Resumes exactly where the sinks committed.")
      .field(CdcConfig.hostname())
      .field(CdcConfig.port(3306))
      .field(CdcConfig.user())
      .field(CdcConfig.password())
      .field(FieldSpec.strings("databases", "Databases to capture; all when absent (and no tables are given).").withExample("[shop]"))
      .field(FieldSpec.strings("tables", "Tables to capture, as db.table; all tables of the databases when absent.")
          .withExample("[shop.orders, shop.customers]"))
      .field(FieldSpec.of("server_id", io.logpro.api.config.FieldType.LONG,
              "The replica server id this reader uses; unique among the server's replicas. A random number from 10000 up when absent.")
          .withExample("184054"))
      .field(CdcConfig.snapshot())
      .field(CdcConfig.stateDir())
      .field(CdcConfig.properties())
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Source create(Config config) {
    CdcConfig.snapshotMode(config);
    CdcConfig.includeList(config, "tables", "db.table");
    if (config.has("server_id") && (config.longValue("server_id") <= 0 || config.longValue("server_id") >= 1L << 32)) {
      throw config.error("server_id", "expected a number from 1 to 4294967295, found " + config.string("server_id"));
    }
    CdcConfig.passThrough(config, new Properties());
    return new CdcSource(new MySqlDialect(binlogServer(config)), pipeline -> properties(config, pipeline));
  }

  private static MariaDbBinlog binlogServer(Config config) {
    Properties jdbc = new Properties();
    jdbc.setProperty("user", config.string("user"));
    String password = config.string("password");
    if (password != null) jdbc.setProperty("password", password);
    jdbc.setProperty("connectTimeout", "10000");
    return new MariaDbBinlog("jdbc:mysql://" + config.string("hostname") + ":" + config.integer("port") + "/", jdbc);
  }

  static Properties properties(Config config, String pipelineName) throws IOException {
    Properties p = CdcConfig.base(new MySqlDialect(), pipelineName, "adaptive_time_microseconds");
    CdcConfig.connection(config, p);
    long serverId = config.has("server_id") ? config.longValue("server_id") : ThreadLocalRandom.current().nextLong(10_000, Integer.MAX_VALUE);
    p.setProperty("database.server.id", String.valueOf(serverId));
    String databases = String.join(",", config.strings("databases"));
    if (!databases.isEmpty()) p.setProperty("database.include.list", databases);
    String tables = CdcConfig.includeList(config, "tables", "db.table");
    if (!tables.isEmpty()) p.setProperty("table.include.list", tables);
    p.setProperty("snapshot.mode", CdcConfig.snapshotMode(config));
    p.setProperty("database.jdbc.driver", MariaDbCompatibleDriver.class.getName());
    schemaHistory(config, pipelineName, p);
    p.setProperty("schema.history.internal", BinlogSchemaHistory.class.getName());
    CdcConfig.passThrough(config, p);
    return p;
  }

  /** Debezium's file schema history under {@code state_dir}: the table definitions at each binlog position. */
  static void schemaHistory(Config config, String pipelineName, Properties p) throws IOException {
    String dir = config.string("state_dir");
    Path stateDir = dir != null ? Path.of(dir) : Path.of("state", "cdc", CdcConfig.topicPrefix(pipelineName));
    Files.createDirectories(stateDir);
    p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
    p.setProperty("schema.history.internal.file.filename", stateDir.resolve("schema-history.jsonl").toString());
  }
}
