package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.MapConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionAndConcurrencyTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private IcebergSink sink(String table, List<String> partitionBy, String component) throws Exception {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("catalog", Map.of("warehouse", dir.toString()));
    cfg.put("table", table);
    cfg.put("partition_by", partitionBy);
    IcebergSink s = (IcebergSink) new IcebergSinkFactory().create(MapConfig.of(IcebergSinkFactory.SPEC, cfg));
    s.open(new TestBatches.Context("p", component, allocator));
    return s;
  }

  private Set<String> partitionsOf(String table, int rows, List<String> partitionBy) throws Exception {
    try (IcebergSink sink = sink(table, partitionBy, "s")) {
      try (Batch b = TestBatches.batch(events(allocator, 0, rows), "f", rows)) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of("f", rows)));
    }
    Table t = TableReader.of(IcebergCatalogs.open(dir.toString(), null), table).table();
    assertThat(new TableReader(t).rowCount()).isEqualTo(rows);
    Set<String> out = new TreeSet<>();
    for (DataFile f : IcebergSinkTest.dataFiles(t)) out.add(t.spec().partitionToPath(f.partition()));
    return out;
  }

  @Test
  void identityPartitionsByValue() throws Exception {
    assertThat(partitionsOf("t.ident", 100, List.of("bucket"))).containsExactly("bucket=0", "bucket=1", "bucket=2", "bucket=3");
  }

  @Test
  void dayAndHourTransformsCutTimestamps() throws Exception {
    // ts = i hours after the epoch: 50 rows span 1970-01-01 and 1970-01-02 (and 50 hours)
    assertThat(partitionsOf("t.day", 50, List.of("day(ts)"))).containsExactly("ts_day=1970-01-01", "ts_day=1970-01-02", "ts_day=1970-01-03");
    assertThat(partitionsOf("t.hour", 50, List.of("hour(ts)"))).hasSize(50);
    assertThat(partitionsOf("t.month", 50, List.of("month(ts)"))).containsExactly("ts_month=1970-01");
    assertThat(partitionsOf("t.year", 50, List.of("year(ts)"))).containsExactly("ts_year=1970");
  }

  @Test
  void bucketAndTruncateTransformsGroupValues() throws Exception {
    assertThat(partitionsOf("t.bucket", 200, List.of("bucket(4, id)"))).hasSizeLessThanOrEqualTo(4).hasSizeGreaterThan(1);
    assertThat(partitionsOf("t.trunc", 100, List.of("truncate(10, id)"))).hasSize(10).contains("id_trunc=0", "id_trunc=90");
    assertThat(partitionsOf("t.two", 100, List.of("identity(bucket)", "truncate(1, name)"))).contains("bucket=0/name_trunc=n");
  }

  @Test
  void manyPartitionsInOneCommitStayWithinMaxOpenFilesAndLoseNoRow() throws Exception {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("catalog", Map.of("warehouse", dir.toString()));
    cfg.put("table", "t.many");
    cfg.put("partition_by", List.of("hour(ts)"));
    cfg.put("max_open_files", 4L);
    try (IcebergSink sink = (IcebergSink) new IcebergSinkFactory().create(MapConfig.of(IcebergSinkFactory.SPEC, cfg))) {
      sink.open(new TestBatches.Context("p", "s", allocator));
      for (int round = 0; round < 2; round++) { // the same 30 hours twice: closed files are reopened as new ones
        try (Batch b = TestBatches.batch(events(allocator, 0, 30), "f", 30)) {
          sink.write(b);
        }
      }
      sink.commit(Checkpoint.of(Position.of("f", 60)));
    }
    Table t = TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.many").table();
    assertThat(new TableReader(t).rowCount()).isEqualTo(60);
    assertThat(IcebergSinkTest.dataFiles(t)).hasSize(60);
  }

  @Test
  void twoSinksCreatingTablesInANewNamespaceAtOnceBothSucceed() throws Exception {
    for (int round = 0; round < 5; round++) {
      String ns = "race" + round;
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Long>> results = new java.util.ArrayList<>();
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        for (String t : List.of("a", "b")) {
          results.add(pool.submit(() -> {
            try (IcebergSink sink = sink(ns + "." + t, List.of(), t)) {
              start.await();
              try (Batch b = TestBatches.batch(events(allocator, 0, 10), "f", 10)) {
                sink.write(b);
              }
              sink.commit(Checkpoint.of(Position.of("f", 10)));
            }
            return new TableReader(TableReader.of(IcebergCatalogs.open(dir.toString(), null), ns + "." + t).table()).rowCount();
          }));
        }
        start.countDown();
        for (var r : results) assertThat(r.get()).isEqualTo(10);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void badPartitionEntryIsAConfigError() {
    var cfg = MapConfig.of(IcebergSinkFactory.SPEC, Map.of("table", "t.x", "partition_by", List.of("bucket(id)")));
    assertThatThrownBy(() -> new IcebergSinkFactory().create(cfg)).isInstanceOf(ConfigException.class).hasMessageContaining("bucket(id)");
  }

  @Test
  void twoSinksCommittingConcurrentlyBothLandWithoutLostOrDoubledRows() throws Exception {
    // create the table first so both sinks write the same schema
    try (IcebergSink first = sink("t.shared", List.of(), "a")) {
      try (Batch b = TestBatches.batch(events(allocator, 0, 1), "seed", 1)) {
        first.write(b);
      }
      first.commit(Checkpoint.of(Position.of("seed", 1)));
    }
    int commitsEach = 12;
    int rowsPerCommit = 50;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          try (IcebergSink s = sink("t.shared", List.of(), "w" + writer)) {
            for (int c = 0; c < commitsEach; c++) {
              long first = 1 + (long) (writer * commitsEach + c) * rowsPerCommit;
              try (Batch b = TestBatches.batch(events(allocator, first, rowsPerCommit), "part-" + writer, c + 1)) {
                s.write(b);
              }
              s.commit(Checkpoint.of(Position.of("part-" + writer, c + 1)));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdown();
      pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    List<Record> rows = TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.shared").records();
    List<Long> ids = rows.stream().map(r -> (Long) r.getField("id")).sorted().collect(Collectors.toList());
    int expected = 1 + 2 * commitsEach * rowsPerCommit;
    assertThat(ids).hasSize(expected);
    assertThat(new TreeSet<>(ids)).hasSize(expected).first().isEqualTo(0L);
    for (int w = 0; w < 2; w++) {
      try (IcebergSink s = sink("t.shared", List.of(), "w" + w)) {
        assertThat(s.committed()).isEqualTo(Checkpoint.of(Position.of("part-" + w, commitsEach)));
      }
    }
  }
}
