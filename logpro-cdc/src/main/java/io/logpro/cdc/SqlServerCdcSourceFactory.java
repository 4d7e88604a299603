package io.logpro.cdc;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceFactory;
import java.io.IOException;
import java.util.Properties;

/**
 * The {@code sqlserver_cdc} source: SQL Server's CDC change tables through Debezium. CDC must be
 * enabled on the database and the tables (sys.sp_cdc_enable_db, sys.sp_cdc_enable_table) and the
 * SQL Server Agent running.
 *
 * <p>Tested without a server: no SQL Server runs where logpro is built, so the tests feed the
 * source's converter and positions with change records built the way the SQL Server connector
 * builds them (its own source-info and offset classes); the engine wiring is shared with the
 * PostgreSQL and MySQL sources, which are tested against real servers.
 */
public final class SqlServerCdcSourceFactory implements SourceFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("sqlserver_cdc",
          "Captures row changes of SQL Server tables from their CDC change tables (Debezium): an initial snapshot, then every"
              + " insert, update and delete in commit order, as Arrow rows of one table per batch with"
              + " _op/_table/_source_ts/_tx_id/_change_lsn columns. Resumes exactly where the sinks committed.")
      .field(CdcConfig.hostname())
      .field(CdcConfig.port(1433))
      .field(FieldSpec.string("database", "The database to capture.").asRequired().withExample("shop"))
      .field(CdcConfig.user())
      .field(CdcConfig.password())
      .field(FieldSpec.strings("tables", "Tables to capture, as schema.table; all CDC-enabled tables when absent.")
          .withExample("[dbo.orders]"))
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
    CdcConfig.includeList(config, "tables", "schema.table");
    CdcConfig.passThrough(config, new Properties());
    return new CdcSource(new SqlServerDialect(), pipeline -> properties(config, pipeline));
  }

  static Properties properties(Config config, String pipelineName) throws IOException {
    Properties p = CdcConfig.base(new SqlServerDialect(), pipelineName, "microseconds");
    CdcConfig.connection(config, p);
    p.setProperty("database.names", config.string("database"));
    String tables = CdcConfig.includeList(config, "tables", "schema.table");
    if (!tables.isEmpty()) p.setProperty("table.include.list", tables);
    p.setProperty("snapshot.mode", CdcConfig.snapshotMode(config));
    MySqlCdcSourceFactory.schemaHistory(config, pipelineName, p);
    CdcConfig.passThrough(config, p);
    return p;
  }
}
