package io.logpro.iceberg;

import static io.logpro.iceberg.TestBatches.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import io.logpro.iceberg.maintenance.BackgroundMaintenance;
import io.logpro.iceberg.maintenance.Compaction;
import io.logpro.iceberg.maintenance.OrphanFiles;
import io.logpro.iceberg.maintenance.SnapshotExpiry;
import io.logpro.iceberg.maintenance.WhereFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();
  private static final long LATER = 60_000; // "now" for expiry and orphan checks: a minute after the commits

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private IcebergSink sink(String pipeline, String component, Map<String, Object> extra) throws Exception {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("catalog", Map.of("warehouse", dir.toString()));
    cfg.put("table", "t.events");
    cfg.putAll(extra);
    IcebergSink s = (IcebergSink) new IcebergSinkFactory().create(MapConfig.of(IcebergSinkFactory.SPEC, cfg));
    s.open(new TestBatches.Context(pipeline, component, allocator));
    return s;
  }

  /** {@code commits} commits of {@code rows} rows each, ids from {@code first}; the position of partition "f" is the commit's number. */
  private void commits(IcebergSink sink, String partition, long first, int commits, int rows, int firstSeq) {
    for (int c = 0; c < commits; c++) {
      try (Batch b = TestBatches.batch(events(allocator, first + (long) c * rows, rows), partition, firstSeq + c)) {
        sink.write(b);
      }
      sink.commit(Checkpoint.of(Position.of(partition, firstSeq + c)));
    }
  }

  private void commits(Map<String, Object> extra, int commits, int rows) throws Exception {
    try (IcebergSink sink = sink("p", "s", extra)) {
      commits(sink, "f", 0, commits, rows, 1);
    }
  }

  private Table table() {
    return TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.events").table();
  }

  /** Every row as its list of values, sorted by id. */
  private List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (Record r : TableReader.of(IcebergCatalogs.open(dir.toString(), null), "t.events").records()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) values.add(r.get(i));
      out.add(values);
    }
    out.sort(Comparator.comparingLong(v -> (Long) v.get(0)));
    return out;
  }

  private Checkpoint committed(String pipeline, String component) throws Exception {
    try (IcebergSink s = sink(pipeline, component, Map.of())) {
      return s.committed();
    }
  }

  private int dataFileCount() throws Exception {
    return IcebergSinkTest.dataFiles(table()).size();
  }

  @Test
  void compactionOfAnUnpartitionedTableLeavesOneFileWithTheSameRows() throws Exception {
    commits(Map.of(), 30, 100);
    List<List<Object>> before = rows();
    assertThat(dataFileCount()).isEqualTo(30);

    Compaction.Result r = Compaction.run(table(), Compaction.Options.defaults());

    assertThat(r.committed()).isTrue();
    assertThat(r.rewritten()).isEqualTo(30);
    assertThat(r.written()).isEqualTo(1);
    assertThat(r.filesBefore()).isEqualTo(30);
    assertThat(r.filesAfter()).isEqualTo(1);
    assertThat(r.rows()).isEqualTo(3000);
    assertThat(dataFileCount()).isEqualTo(1);
    assertThat(rows()).hasSize(3000).isEqualTo(before);
    Table t = table();
    assertThat(t.currentSnapshot().operation()).isEqualTo("replace");
    assertThat(t.currentSnapshot().summary()).doesNotContainKeys(IcebergSink.PIPELINE, IcebergSink.SINK, IcebergSink.CHECKPOINT);
    assertThat(committed("p", "s")).isEqualTo(Checkpoint.of(Position.of("f", 30)));
  }

  @Test
  void compactionOfAPartitionedTableLeavesOneFilePerPartition() throws Exception {
    commits(Map.of("partition_by", List.of("bucket")), 30, 100);
    List<List<Object>> before = rows();
    assertThat(dataFileCount()).isEqualTo(120);

    Compaction.Result r = Compaction.run(table(), Compaction.Options.defaults());

    assertThat(r.groups()).isEqualTo(4);
    assertThat(dataFileCount()).isEqualTo(4);
    Table t = table();
    var partitions = new HashSet<String>();
    for (DataFile f : IcebergSinkTest.dataFiles(t)) partitions.add(t.spec().partitionToPath(f.partition()));
    assertThat(partitions).containsExactlyInAnyOrder("bucket=0", "bucket=1", "bucket=2", "bucket=3");
    assertThat(rows()).isEqualTo(before);
    assertThat(committed("p", "s")).isEqualTo(Checkpoint.of(Position.of("f", 30)));
  }

  @Test
  void aSmallTargetSizeRollsTheRewriteIntoSeveralFiles() throws Exception {
    commits(Map.of(), 30, 100);
    List<List<Object>> before = rows();
    long average = IcebergSinkTest.dataFiles(table()).stream().mapToLong(DataFile::fileSizeInBytes).sum() / 30;

    Compaction.Result r = Compaction.run(table(), new Compaction.Options(average * 8, null));

    assertThat(r.committed()).isTrue();
    assertThat(dataFileCount()).isBetween(2, 10);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void theWhereFilterCompactsOnlyTheMatchingPartition() throws Exception {
    commits(Map.of("partition_by", List.of("bucket")), 30, 100);
    List<List<Object>> before = rows();
    Table t = table();

    Compaction.Result r = Compaction.run(t, new Compaction.Options(Compaction.DEFAULT_TARGET_FILE_SIZE, WhereFilter.parse("bucket = 1", t.schema())));

    assertThat(r.filesBefore()).isEqualTo(30);
    assertThat(r.filesAfter()).isEqualTo(1);
    assertThat(dataFileCount()).isEqualTo(91);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void anAppendBetweenPlanAndCommitLandsBesideTheRewrite() throws Exception {
    try (IcebergSink sink = sink("p", "s", Map.of())) {
      commits(sink, "f", 0, 10, 100, 1);
      Table t = table();
      Compaction.Plan plan = Compaction.plan(t, Compaction.Options.defaults());
      commits(sink, "f", 1000, 1, 100, 11); // the running pipeline commits meanwhile

      Compaction.Result r = Compaction.rewrite(t, plan, Compaction.Options.defaults(), () -> false);

      assertThat(r.committed()).isTrue();
      assertThat(r.rewritten()).isEqualTo(10);
      commits(sink, "f", 1100, 1, 100, 12); // and goes on after it
    }
    List<List<Object>> rows = rows();
    assertThat(rows).hasSize(1200);
    assertThat(rows.stream().map(v -> (Long) v.get(0)).distinct().count()).isEqualTo(1200);
    assertThat(dataFileCount()).isEqualTo(3);
    assertThat(committed("p", "s")).isEqualTo(Checkpoint.of(Position.of("f", 12)));
  }

  @Test
  void aConcurrentRewriteOfTheSameFilesIsSkippedAndLeavesNoFiles() throws Exception {
    commits(Map.of(), 10, 100);
    List<List<Object>> before = rows();
    Table t = table();
    Compaction.Plan first = Compaction.plan(t, Compaction.Options.defaults());
    Compaction.Plan second = Compaction.plan(t, Compaction.Options.defaults());

    assertThat(Compaction.rewrite(t, first, Compaction.Options.defaults(), () -> false).committed()).isTrue();
    Compaction.Result r = Compaction.rewrite(t, second, Compaction.Options.defaults(), () -> false);

    assertThat(r.committed()).isFalse();
    assertThat(r.skipped()).contains("concurrent rewrite");
    assertThat(rows()).isEqualTo(before);
    OrphanFiles.Result orphans = OrphanFiles.run(table(), new OrphanFiles.Options(Duration.ZERO, true), System.currentTimeMillis() + LATER);
    assertThat(orphans.orphans()).isEmpty();
  }

  @Test
  void aCancelledCompactionCommitsNothingAndDeletesWhatItWrote() throws Exception {
    commits(Map.of("partition_by", List.of("bucket")), 5, 100);
    Table t = table();
    int[] polls = {0};
    Compaction.Result r = Compaction.rewrite(t, Compaction.plan(t, Compaction.Options.defaults()), Compaction.Options.defaults(),
        () -> ++polls[0] > 8); // cancelled after the first partitions are written
    assertThat(r.committed()).isFalse();
    assertThat(r.skipped()).contains("cancelled");
    assertThat(dataFileCount()).isEqualTo(20);
    assertThat(OrphanFiles.run(table(), new OrphanFiles.Options(Duration.ZERO, true), System.currentTimeMillis() + LATER).orphans()).isEmpty();
  }

  @Test
  void expiryKeepsTheLatestSnapshotOfEveryPipelineAndCommittedStillReadsIt() throws Exception {
    try (IcebergSink a = sink("p1", "a", Map.of())) {
      commits(a, "a", 0, 1, 10, 10);
    }
    try (IcebergSink b = sink("p2", "b", Map.of())) {
      commits(b, "b", 100, 20, 10, 1);
    }
    Compaction.run(table(), Compaction.Options.defaults()); // a snapshot without pipeline keys on top
    List<List<Object>> before = rows();
    assertThat(table().snapshots()).hasSize(22);

    SnapshotExpiry.Result r = SnapshotExpiry.run(table(), new SnapshotExpiry.Options(Duration.ZERO, 1), System.currentTimeMillis() + LATER);

    assertThat(r.before()).isEqualTo(22);
    assertThat(r.expired()).isEqualTo(19); // p2's 19 older commits; p1's only one, p2's latest and the rewrite stay
    assertThat(r.keptForPipelines()).isEqualTo(2);
    assertThat(r.pipelines()).containsExactlyInAnyOrder("p1/a", "p2/b");
    assertThat(table().snapshots()).hasSize(3);
    assertThat(committed("p1", "a")).isEqualTo(Checkpoint.of(Position.of("a", 10)));
    assertThat(committed("p2", "b")).isEqualTo(Checkpoint.of(Position.of("b", 20)));
    assertThat(rows()).isEqualTo(before);
    // and a pipeline commits on top of the gap as before
    try (IcebergSink a = sink("p1", "a", Map.of())) {
      assertThat(a.committed()).isEqualTo(Checkpoint.of(Position.of("a", 10)));
      commits(a, "a", 1000, 1, 10, 11);
    }
    assertThat(committed("p1", "a")).isEqualTo(Checkpoint.of(Position.of("a", 11)));
    assertThat(committed("p2", "b")).isEqualTo(Checkpoint.of(Position.of("b", 20)));
  }

  @Test
  void expiryRetainsTheLastNAndSnapshotsYoungerThanTheLimit() throws Exception {
    commits(Map.of(), 10, 10);
    SnapshotExpiry.Result young = SnapshotExpiry.run(table(), new SnapshotExpiry.Options(Duration.ofDays(7), 1), System.currentTimeMillis());
    assertThat(young.expired()).isZero();
    SnapshotExpiry.Result r = SnapshotExpiry.run(table(), new SnapshotExpiry.Options(Duration.ZERO, 4), System.currentTimeMillis() + LATER);
    assertThat(r.expired()).isEqualTo(6);
    assertThat(table().snapshots()).hasSize(4);
    assertThat(rows()).hasSize(100);
  }

  @Test
  void orphanRemovalDeletesAnOldStrayFileAndKeepsEveryReferencedOne() throws Exception {
    commits(Map.of("partition_by", List.of("bucket")), 5, 100);
    Compaction.run(table(), Compaction.Options.defaults());
    SnapshotExpiry.run(table(), new SnapshotExpiry.Options(Duration.ZERO, 1), System.currentTimeMillis() + LATER);
    List<List<Object>> before = rows();
    Path data = LocalFileIO.toPath(table().location()).resolve("data");
    Path oldStray = Files.writeString(data.resolve("bucket=1/crashed-writer.parquet"), "not committed");
    Files.setLastModifiedTime(oldStray, FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(10).toMillis()));
    Path youngStray = Files.writeString(data.resolve("in-flight.parquet"), "being written");
    long filesBefore;
    try (Stream<Path> all = Files.walk(LocalFileIO.toPath(table().location()))) {
      filesBefore = all.filter(Files::isRegularFile).count();
    }

    OrphanFiles.Result r = OrphanFiles.run(table(), new OrphanFiles.Options(OrphanFiles.DEFAULT_OLDER_THAN, false));

    assertThat(r.orphans()).containsExactly(oldStray.toString());
    assertThat(r.tooRecent()).isEqualTo(1);
    assertThat(oldStray).doesNotExist();
    assertThat(youngStray).exists();
    try (Stream<Path> all = Files.walk(LocalFileIO.toPath(table().location()))) {
      assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(filesBefore - 1);
    }
    assertThat(rows()).isEqualTo(before);
    for (DataFile f : IcebergSinkTest.dataFiles(table())) assertThat(Path.of(f.location())).exists();
    assertThat(committed("p", "s")).isEqualTo(Checkpoint.of(Position.of("f", 5)));
  }

  @Test
  void aDryRunListsOrphansAndDeletesNothing() throws Exception {
    commits(Map.of(), 3, 10);
    Path stray = Files.writeString(LocalFileIO.toPath(table().location()).resolve("metadata/leftover.avro"), "x");
    Files.setLastModifiedTime(stray, FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(4).toMillis()));

    OrphanFiles.Result r = OrphanFiles.run(table(), new OrphanFiles.Options(Duration.ofDays(3), true));

    assertThat(r.dryRun()).isTrue();
    assertThat(r.orphans()).containsExactly(stray.toString());
    assertThat(stray).exists();
    assertThat(rows()).hasSize(30);
  }

  @Test
  void backgroundMaintenanceRunsWhileThePipelineCommits() throws Exception {
    Map<String, Object> maintenance = Map.of("compact_every", "100ms", "expire_older_than", "0s", "retain_last", 2,
        "remove_orphans_older_than", "1h", "every", "100ms");
    int commitsDone = 0;
    BackgroundMaintenance m;
    try (IcebergSink sink = sink("p", "s", Map.of("maintenance", maintenance, "partition_by", List.of("bucket")))) {
      m = sink.maintenance();
      assertThat(m).isNotNull();
      // commit until each job has done its work a few times (bounded: the jobs run on their own thread)
      while (commitsDone < 600) {
        commits(sink, "f", commitsDone * 20L, 1, 20, commitsDone + 1);
        commitsDone++;
        var s = m.stats();
        if (commitsDone >= 10 && s.compactions() >= 2 && s.snapshotsExpired() > 0 && s.orphanRuns() >= 2) break;
        // A pipeline commits every few seconds (commit_interval); back to back, its commits would leave
        // the rewrite's longer commit no window, and compaction would only be retried.
        Thread.sleep(100);
      }
      assertThat(m.stats().compactions()).as("%s", m.stats()).isGreaterThanOrEqualTo(2);
      assertThat(m.stats().snapshotsExpired()).as("%s", m.stats()).isPositive();
      assertThat(m.stats().orphansRemoved()).isZero();
    }
    assertThat(m.running()).isFalse();
    List<List<Object>> rows = rows();
    assertThat(rows).hasSize(commitsDone * 20);
    assertThat(rows.stream().map(v -> (Long) v.get(0)).distinct().count()).isEqualTo(commitsDone * 20L);
    assertThat(committed("p", "s")).isEqualTo(Checkpoint.of(Position.of("f", commitsDone)));
  }

  @Test
  void aFailingMaintenanceJobIsRetriedAndNeverFailsTheCommits() throws Exception {
    // gc.enabled=false makes Iceberg refuse every snapshot expiry
    Map<String, Object> extra = Map.of("properties", Map.of("gc.enabled", "false"),
        "maintenance", Map.of("expire_older_than", "0s", "every", "10ms"));
    int commitsDone = 0;
    try (IcebergSink sink = sink("p", "s", extra)) {
      while (commitsDone < 2000 && sink.maintenance().stats().failures() < 2) {
        commits(sink, "f", commitsDone * 10L, 1, 10, commitsDone + 1);
        commitsDone++;
      }
      assertThat(sink.maintenance().stats().failures()).isGreaterThanOrEqualTo(2);
    }
    assertThat(rows()).hasSize(commitsDone * 10);
    assertThat(committed("p", "s")).isEqualTo(Checkpoint.of(Position.of("f", commitsDone)));
  }
}
