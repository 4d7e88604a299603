package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.config.MapConfig;
import io.logpro.iceberg.IcebergCatalogs;
import io.logpro.iceberg.IcebergSink;
import io.logpro.iceberg.IcebergSinkFactory;
import io.logpro.iceberg.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergCommandTest {
  @TempDir Path tmp;


  private record Context(String pipelineName, String componentName, BufferAllocator allocator) implements PipelineContext {}

  /** Runs {@code logpro iceberg ...}. */
  private static CliRun iceberg(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "iceberg";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  private String warehouse() {
    return tmp.resolve("wh").toString();
  }

  /** {@code commits} commits of 100 rows (id, bucket) into t.events, by pipeline p, sink bronze. */
  private void write(int commits) throws Exception {
    Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
        new Field("bucket", FieldType.nullable(new ArrowType.Int(64, true)), null)));
    var config = MapConfig.of(new IcebergSinkFactory().spec(), Map.of("catalog", Map.of("warehouse", warehouse()), "table", "t.events"));
    try (RootAllocator allocator = new RootAllocator(); IcebergSink sink = (IcebergSink) new IcebergSinkFactory().create(config)) {
      sink.open(new Context("p", "bronze", allocator));
      for (int c = 0; c < commits; c++) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        for (int r = 0; r < 100; r++) {
          ((BigIntVector) root.getVector("id")).setSafe(r, c * 100L + r);
          ((BigIntVector) root.getVector("bucket")).setSafe(r, r % 3);
        }
        root.setRowCount(100);
        try (Batch b = new Batch(root, null, Checkpoint.of(Position.of("f", c + 1)))) {
          sink.write(b);
        }
        sink.commit(Checkpoint.of(Position.of("f", c + 1)));
      }
      sink.close();
    }
  }

  private Table table() {
    return TableReader.of(IcebergCatalogs.open(warehouse(), null), "t.events").table();
  }

  private int dataFiles() throws Exception {
    Table t = table();
    int n = 0;
    try (var tasks = t.newScan().planFiles()) {
      for (var ignored : tasks) n++;
    }
    return n;
  }

  private Path pipeline(String extraSinks) throws Exception {
    String yaml = "pipeline: maint\n"
        + "source: {type: counting, count: 10, format: {type: number}}\n"
        + "sinks:\n"
        + "  bronze:\n"
        + "    type: iceberg\n"
        + "    catalog: {warehouse: " + warehouse() + "}\n"
        + "    table: t.events\n"
        + "    target_file_size: 64MB\n"
        + extraSinks;
    Path file = tmp.resolve("pipeline.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void compactByWarehouseAndTablePrintsWhatItDid() throws Exception {
    write(10);
    assertThat(dataFiles()).isEqualTo(10);

    CliRun r = iceberg("compact", "--warehouse", warehouse(), "--table", "t.events");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("t.events: compacted 10 data files into 1: 10 small files").contains("1,000 rows");
    assertThat(dataFiles()).isEqualTo(1);
    assertThat(new TableReader(table()).records()).hasSize(1000);
    CliRun again = iceberg("compact", "--warehouse", warehouse(), "--table", "t.events");
    assertThat(again.out()).contains("nothing to compact: 1 data files");
  }

  @Test
  void compactTakesCatalogAndTableFromThePipelinesIcebergSink() throws Exception {
    write(4);
    CliRun r = iceberg("compact", pipeline("").toString(), "--sink", "bronze", "--where", "bucket = 1");

    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("compacted 4 data files into 1 where bucket = 1");
    assertThat(dataFiles()).isEqualTo(1);
  }

  @Test
  void expireSnapshotsKeepsThePipelinesLatestAndPrintsCounts() throws Exception {
    write(6);
    iceberg("compact", "--warehouse", warehouse(), "--table", "t.events");

    CliRun r = iceberg("expire-snapshots", "--warehouse", warehouse(), "--table", "t.events", "--older-than", "0s", "--retain-last", "1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("expired 5 of 7 snapshots older than 0s (2 left)").contains("kept the latest snapshot of p/bronze");
    try (RootAllocator allocator = new RootAllocator();
        IcebergSink sink = (IcebergSink) new IcebergSinkFactory().create(MapConfig.of(new IcebergSinkFactory().spec(),
            Map.of("catalog", Map.of("warehouse", warehouse()), "table", "t.events")))) {
      sink.open(new Context("p", "bronze", allocator));
      assertThat(sink.committed()).isEqualTo(Checkpoint.of(Position.of("f", 6)));
    }
    assertThat(new TableReader(table()).records()).hasSize(600);
  }

  @Test
  void removeOrphansListsThemInADryRunAndDeletesThemOtherwise() throws Exception {
    write(2);
    Path stray = Files.writeString(Path.of(table().location().replaceFirst("^file:", "")).resolve("data/stray.parquet"), "x");
    Files.setLastModifiedTime(stray, FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(5).toMillis()));

    CliRun dry = iceberg("remove-orphans", "--warehouse", warehouse(), "--table", "t.events", "--dry-run");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("would remove " + stray).contains("dry run, would remove 1 orphan files");
    assertThat(stray).exists();

    CliRun real = iceberg("remove-orphans", "--warehouse", warehouse(), "--table", "t.events", "--older-than", "1d");
    assertThat(real.exit()).as(real.err()).isZero();
    assertThat(real.out()).contains("removed 1 orphan files");
    assertThat(stray).doesNotExist();
    assertThat(new TableReader(table()).records()).hasSize(200);
  }

  @Test
  void aTargetIsRequiredAndAmbiguousSinksAreNamed() throws Exception {
    CliRun none = iceberg("compact");
    assertThat(none.exit()).isEqualTo(Main.USAGE);
    assertThat(none.err()).contains("give a pipeline file");

    String second = "  silver:\n    type: iceberg\n    catalog: {warehouse: " + warehouse() + "}\n    table: t.other\n";
    CliRun two = iceberg("expire-snapshots", pipeline(second).toString());
    assertThat(two.exit()).isEqualTo(Main.USAGE);
    assertThat(two.err()).contains("has 2 iceberg sinks [bronze, silver]: choose one with --sink NAME");

    CliRun missing = iceberg("remove-orphans", "--warehouse", warehouse(), "--table", "t.nothing");
    assertThat(missing.exit()).isEqualTo(Main.PIPELINE_FAILED);
    assertThat(missing.err()).contains("table t.nothing does not exist");

    CliRun badAge = iceberg("expire-snapshots", "--warehouse", warehouse(), "--table", "t.events", "--older-than", "soon");
    assertThat(badAge.exit()).isEqualTo(Main.USAGE);
    assertThat(badAge.err()).contains("--older-than: expected a duration");
  }
}
