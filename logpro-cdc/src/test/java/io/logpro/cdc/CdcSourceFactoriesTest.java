package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import io.logpro.api.source.SourceFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each factory turns its YAML block into. */
class CdcSourceFactoriesTest {
  @TempDir Path state;

  @Test
  void theThreeSourcesAreRegistered() {
    assertThat(ServiceLoader.load(SourceFactory.class).stream().map(p -> p.get().type()).toList())
        .contains("postgres_cdc", "mysql_cdc", "sqlserver_cdc");
  }

  @Test
  void postgresNamesItsSlotAndPublicationAfterThePipeline() {
    Properties p = PostgresCdcSourceFactory.properties(MapConfig.of(PostgresCdcSourceFactory.SPEC,
        Map.of("hostname", "db", "database", "shop", "user", "u", "password", "secret", "tables", List.of("public.orders", "sales.order_lines"),
            "heartbeat_interval", "30s", "snapshot", "never")), "Orders Sync-2");
    assertThat(p).containsEntry("slot.name", "logpro_orders_sync_2").containsEntry("publication.name", "logpro_orders_sync_2")
        .containsEntry("topic.prefix", "Orders_Sync-2").containsEntry("table.include.list", "public\\.orders,sales\\.order_lines")
        .containsEntry("plugin.name", "pgoutput").containsEntry("publication.autocreate.mode", "filtered")
        .containsEntry("snapshot.mode", "no_data").containsEntry("heartbeat.interval.ms", "30000")
        .containsEntry("decimal.handling.mode", "precise").containsEntry("time.precision.mode", "microseconds")
        .containsEntry("database.password", "secret").containsEntry("database.port", "5432")
        .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
  }

  @Test
  void passedThroughPropertiesReachDebeziumButNotThoseLogproOwns() {
    Properties p = PostgresCdcSourceFactory.properties(MapConfig.of(PostgresCdcSourceFactory.SPEC,
        Map.of("hostname", "db", "database", "shop", "user", "u", "properties", Map.of("snapshot.fetch.size", 500))), "p");
    assertThat(p).containsEntry("snapshot.fetch.size", "500");
    assertThatThrownBy(() -> new PostgresCdcSourceFactory().create(MapConfig.of(PostgresCdcSourceFactory.SPEC,
        Map.of("hostname", "db", "database", "shop", "user", "u", "properties", Map.of("decimal.handling.mode", "double")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("decimal.handling.mode");
  }

  @Test
  void tablesMustBeQualified() {
    assertThatThrownBy(() -> new PostgresCdcSourceFactory().create(MapConfig.of(PostgresCdcSourceFactory.SPEC,
        Map.of("hostname", "db", "database", "shop", "user", "u", "tables", List.of("orders")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.table");
  }

  @Test
  void mysqlKeepsItsSchemaHistoryInTheStateDirAndPicksAServerId() throws Exception {
    Properties p = MySqlCdcSourceFactory.properties(MapConfig.of(MySqlCdcSourceFactory.SPEC,
        Map.of("hostname", "db", "user", "u", "databases", List.of("shop"), "tables", List.of("shop.orders"), "state_dir", state.toString())), "p");
    assertThat(p).containsEntry("database.include.list", "shop").containsEntry("table.include.list", "shop\\.orders")
        .containsEntry("schema.history.internal", BinlogSchemaHistory.class.getName())
        .containsEntry("schema.history.internal.file.filename", state.resolve("schema-history.jsonl").toString())
        .containsEntry("database.jdbc.driver", MariaDbCompatibleDriver.class.getName()).containsEntry("database.port", "3306")
        .containsEntry("include.schema.changes", "false");
    assertThat(Long.parseLong(p.getProperty("database.server.id"))).isBetween(10_000L, (long) Integer.MAX_VALUE);
    Properties fixed = MySqlCdcSourceFactory.properties(MapConfig.of(MySqlCdcSourceFactory.SPEC,
        Map.of("hostname", "db", "user", "u", "server_id", 184054, "state_dir", state.toString())), "p");
    assertThat(fixed).containsEntry("database.server.id", "184054");
  }

  @Test
  void sqlServerCapturesOneDatabase() throws Exception {
    Properties p = SqlServerCdcSourceFactory.properties(MapConfig.of(SqlServerCdcSourceFactory.SPEC,
        Map.of("hostname", "db", "database", "shop", "user", "sa", "tables", List.of("dbo.orders"), "state_dir", state.toString())), "p");
    assertThat(p).containsEntry("database.names", "shop").containsEntry("table.include.list", "dbo\\.orders")
        .containsEntry("database.port", "1433").containsEntry("snapshot.mode", "initial")
        .containsEntry("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector");
  }

  @Test
  void everyFieldIsDocumented() {
    for (var spec : List.of(PostgresCdcSourceFactory.SPEC, MySqlCdcSourceFactory.SPEC, SqlServerCdcSourceFactory.SPEC)) {
      assertThat(spec.doc()).isNotBlank();
      spec.fields().forEach(f -> assertThat(f.doc()).as(spec.type() + "." + f.name()).isNotBlank());
      assertThat(spec.field("password").orElseThrow().secret()).isTrue();
    }
  }
}
