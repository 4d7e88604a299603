package io.logpro.bench.jmh;

import io.logpro.api.Batch;
import io.logpro.iceberg.LocalFileIO;
import io.logpro.iceberg.parquet.ArrowParquetWriter;
import io.logpro.iceberg.parquet.ParquetSettings;
import io.logpro.iceberg.schema.ArrowSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Arrow → Parquet with logpro-iceberg's ArrowParquetWriter and its defaults (zstd, dictionary,
 * column metrics): the first 250,000 Silver rows (22 columns, in batches of up to 8,192) of
 * 262,144 generated trips written into one file per invocation, footer included. One operation is
 * one row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParquetWriteBenchmark {
  static final int INPUT_ROWS = 262_144;
  static final int ROWS = 250_000;

  private RootAllocator allocator;
  private List<VectorSchemaRoot> silver;
  private Schema schema;
  private Path dir;
  private int file;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    allocator = new RootAllocator();
    var context = new TaxiData.CountingContext(allocator);
    var rules = TaxiData.silverRules();
    var columns = TaxiData.silverColumns();
    silver = new ArrayList<>();
    for (VectorSchemaRoot root : TaxiData.decode("csv", TaxiData.messages("csv", INPUT_ROWS), allocator)) {
      Batch out = TaxiData.silver(rules, columns, new Batch(root, null, null), context);
      if (out != null) silver.add(out.root());
    }
    schema = ArrowSchemas.toIceberg(silver.get(0).getSchema());
    dir = Files.createTempDirectory("logpro-jmh-parquet");
    long available = silver.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
    if (available < ROWS) throw new IllegalStateException("only " + available + " Silver rows");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    silver.forEach(VectorSchemaRoot::close);
    allocator.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Files.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long writeFile() throws Exception {
    Path out = dir.resolve("f-" + (file++ % 4) + ".parquet");
    Files.deleteIfExists(out);
    ArrowParquetWriter w = ArrowParquetWriter.open(new LocalFileIO().newOutputFile(out.toString()), schema,
        ParquetSettings.defaults(), MetricsConfig.getDefault(), Map.of(), allocator);
    int left = ROWS;
    for (VectorSchemaRoot root : silver) {
      int n = Math.min(left, root.getRowCount());
      w.write(root, 0, n);
      left -= n;
      if (left == 0) break;
    }
    return w.finish().sizeInBytes();
  }
}
