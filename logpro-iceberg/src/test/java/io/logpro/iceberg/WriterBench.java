package io.logpro.iceberg;

import io.logpro.iceberg.parquet.ArrowParquetWriter;
import io.logpro.iceberg.parquet.ParquetSettings;
import io.logpro.iceberg.schema.ArrowSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.iceberg.MetricsConfig;

/**
 * Not a test: {@code java -cp <test classpath> io.logpro.iceberg.WriterBench [rows]} writes
 * taxi-shaped rows (19 columns) with the Arrow Parquet writer on one thread and prints rows/s.
 * With {@code -Dpartition=month} it writes through the Iceberg sink instead, into a table
 * partitioned by month(pickup) with pickups spread over a year (12 partitions in every batch),
 * and commits at the end of each round; {@code -Dbatch=N} sets the rows per batch (65,536).
 */
public final class WriterBench {
  /** CPU time of the writing thread: wall time is unreliable on a shared machine. */
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
    int batchRows = Integer.getInteger("batch", 65_536);
    String partition = System.getProperty("partition");
    List<Field> fields = new ArrayList<>();
    fields.add(TestBatches.nullable("vendor_id", TestBatches.INT));
    fields.add(TestBatches.nullable("pickup", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)));
    fields.add(TestBatches.nullable("dropoff", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)));
    fields.add(TestBatches.nullable("passenger_count", TestBatches.LONG));
    fields.add(TestBatches.nullable("trip_distance", TestBatches.DOUBLE));
    fields.add(TestBatches.nullable("ratecode_id", TestBatches.LONG));
    fields.add(TestBatches.nullable("store_and_fwd_flag", TestBatches.UTF8));
    fields.add(TestBatches.nullable("pu_location_id", TestBatches.INT));
    fields.add(TestBatches.nullable("do_location_id", TestBatches.INT));
    fields.add(TestBatches.nullable("payment_type", TestBatches.LONG));
    for (String d : List.of("fare_amount", "extra", "mta_tax", "tip_amount", "tolls_amount", "improvement_surcharge",
        "total_amount", "congestion_surcharge", "airport_fee")) {
      fields.add(TestBatches.nullable(d, TestBatches.DOUBLE));
    }
    Schema schema = new Schema(fields);
    Path out = Files.createTempDirectory("bench");
    try (RootAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      fill(root, batchRows, new Random(42), partition != null);
      if (partition != null) {
        sinkRounds(root, total, batchRows, partition, out, allocator);
        return;
      }
      var iceberg = ArrowSchemas.toIceberg(schema);
      for (int round = 0; round < 3; round++) {
        Path file = out.resolve("bench-" + round + ".parquet");
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        ArrowParquetWriter w = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(file.toString()), iceberg,
            (Boolean.getBoolean("nodict") ? new ParquetSettings("zstd", null, false, 128 * ParquetSettings.MB, ParquetSettings.MB, ParquetSettings.DEFAULT_PAGE_ROWS, 128 * ParquetSettings.MB) : ParquetSettings.defaults()), MetricsConfig.getDefault(), Map.of(), allocator);
        for (int done = 0; done < total; done += batchRows) w.write(root, 0, Math.min(batchRows, total - done));
        var written = w.finish();
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("round %d: %,d rows in %.2fs = %,.0f rows/s; cpu %.2fs = %,.0f rows/cpu-s; %,d bytes%n",
            round, written.rowCount(), s, written.rowCount() / s, cpu, written.rowCount() / cpu, written.sizeInBytes());
      }
    }
  }

  private static void sinkRounds(VectorSchemaRoot root, int total, int batchRows, String transform, Path out, RootAllocator allocator)
      throws Exception {
    for (int round = 0; round < 3; round++) {
      var cfg = io.logpro.api.config.MapConfig.of(IcebergSinkFactory.SPEC, Map.of(
          "catalog", Map.of("warehouse", out.resolve("wh").toString()),
          "table", "bench.r" + round,
          "partition_by", List.of(transform + "(pickup)")));
      try (IcebergSink sink = (IcebergSink) new IcebergSinkFactory().create(cfg)) {
        sink.open(new TestBatches.Context("bench", "sink", allocator));
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        long seq = 0;
        for (int done = 0; done < total; done += batchRows) {
          root.setRowCount(Math.min(batchRows, total - done));
          seq += root.getRowCount();
          // the Batch is not closed: it would close the shared root
          sink.write(TestBatches.batch(root, "b", seq));
        }
        long t1 = System.nanoTime();
        sink.commit(io.logpro.api.Checkpoint.of(io.logpro.api.Position.of("b", seq)));
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("round %d: %,d rows partitioned by %s(pickup) in %.2fs (write %.2fs) = %,.0f rows/s; cpu %.2fs = %,.0f rows/cpu-s%n",
            round, seq, transform, s, (t1 - t0) / 1e9, seq / s, cpu, seq / cpu);
      }
    }
  }

  private static void fill(VectorSchemaRoot root, int rows, Random rnd, boolean spreadOverAYear) {
    root.allocateNew();
    long base = 1_704_067_200_000_000L;
    for (var v : root.getFieldVectors()) {
      for (int i = 0; i < rows; i++) {
        switch (v) {
          case IntVector x -> x.setSafe(i, rnd.nextInt(265));
          case BigIntVector x -> x.setSafe(i, rnd.nextInt(6));
          case Float8Vector x -> x.setSafe(i, Math.round(rnd.nextDouble() * 10_000) / 100.0);
          case TimeStampMicroVector x -> x.setSafe(i, spreadOverAYear
              ? base + (long) (rnd.nextDouble() * 366 * 86_400_000_000L)
              : base + (long) i * 1_000_000L + rnd.nextInt(1_000_000));
          case VarCharVector x -> x.setSafe(i, (rnd.nextInt(100) == 0 ? "Y" : "N").getBytes(StandardCharsets.UTF_8));
          default -> throw new IllegalStateException(v.toString());
        }
      }
    }
    root.setRowCount(rows);
  }
}
