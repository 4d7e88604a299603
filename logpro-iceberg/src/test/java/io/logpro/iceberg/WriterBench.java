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
 */
public final class WriterBench {
  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
    int batchRows = 65_536;
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
      fill(root, batchRows, new Random(42));
      var iceberg = ArrowSchemas.toIceberg(schema);
      for (int round = 0; round < 3; round++) {
        Path file = out.resolve("bench-" + round + ".parquet");
        long t0 = System.nanoTime();
        ArrowParquetWriter w = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(file.toString()), iceberg,
            (Boolean.getBoolean("nodict") ? new ParquetSettings("zstd", null, false, 128 * ParquetSettings.MB, ParquetSettings.MB, 128 * ParquetSettings.MB) : ParquetSettings.defaults()), MetricsConfig.getDefault(), Map.of());
        for (int done = 0; done < total; done += batchRows) w.write(root, 0, Math.min(batchRows, total - done));
        var written = w.finish();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("round %d: %,d rows in %.2fs = %,.0f rows/s, %,d bytes%n", round, written.rowCount(), s, written.rowCount() / s, written.sizeInBytes());
      }
    }
  }

  private static void fill(VectorSchemaRoot root, int rows, Random rnd) {
    root.allocateNew();
    long base = 1_704_067_200_000_000L;
    for (var v : root.getFieldVectors()) {
      for (int i = 0; i < rows; i++) {
        switch (v) {
          case IntVector x -> x.setSafe(i, rnd.nextInt(265));
          case BigIntVector x -> x.setSafe(i, rnd.nextInt(6));
          case Float8Vector x -> x.setSafe(i, Math.round(rnd.nextDouble() * 10_000) / 100.0);
          case TimeStampMicroVector x -> x.setSafe(i, base + (long) i * 1_000_000L + rnd.nextInt(1_000_000));
          case VarCharVector x -> x.setSafe(i, (rnd.nextInt(100) == 0 ? "Y" : "N").getBytes(StandardCharsets.UTF_8));
          default -> throw new IllegalStateException(v.toString());
        }
      }
    }
    root.setRowCount(rows);
  }
}
