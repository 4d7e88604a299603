package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres, database test). */
class PostgresCatalogIT {
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();
  private final String database = "logpro_iceberg_" + System.nanoTime();

  @BeforeEach
  void createDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  @AfterEach
  void dropDatabase() throws Exception {
    allocator.close();
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void postgresJdbcCatalogCommitsAndReadsBack() throws Exception {
    String uri = "jdbc:postgresql://127.0.0.1:5432/" + database;
    var catalog = Map.of("uri", uri, "user", "postgres", "password", "", "warehouse", dir.toString());
    var cfg = MapConfig.of(IcebergSinkFactory.SPEC, Map.of("catalog", catalog, "table", "silver.events", "partition_by", java.util.List.of("bucket")));
    for (int run = 0; run < 2; run++) {
      try (IcebergSink sink = (IcebergSink) new IcebergSinkFactory().create(cfg)) {
        sink.open(new TestBatches.Context("p", "pg", allocator));
        assertThat(sink.committed()).isEqualTo(run == 0 ? Checkpoint.empty() : Checkpoint.of(Position.of("f", 100)));
        try (Batch b = TestBatches.batch(events(allocator, run * 100L, 100), "f", (run + 1) * 100L)) {
          sink.write(b);
        }
        sink.commit(Checkpoint.of(Position.of("f", (run + 1) * 100L)));
      }
    }
    var settings = new IcebergCatalogs.Settings("jdbc", null, dir.toString(), uri, "postgres", "", Map.of());
    TableReader reader = TableReader.of(IcebergCatalogs.open(settings), "silver.events");
    assertThat(reader.rowCount()).isEqualTo(200);
    assertThat(reader.sum("id")).isEqualTo(199 * 200 / 2);
  }
}
