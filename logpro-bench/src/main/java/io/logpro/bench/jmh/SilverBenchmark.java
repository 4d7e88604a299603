package io.logpro.bench.jmh;

import io.logpro.api.Batch;
import io.logpro.api.processor.Processor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Silver processing of examples/taxi/silver.yaml (validate with the five rules, then derive
 * trip_duration_min, avg_speed_mph, tip_pct) over decoded taxi batches of 8,192 rows. One operation
 * is one input row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SilverBenchmark {
  static final int ROWS = 65_536;

  private RootAllocator allocator;
  private List<VectorSchemaRoot> decoded;
  private Processor rules;
  private Processor columns;
  private TaxiData.CountingContext context;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    allocator = new RootAllocator();
    decoded = TaxiData.decode("csv", TaxiData.messages("csv", ROWS), allocator);
    rules = TaxiData.silverRules();
    columns = TaxiData.silverColumns();
    context = new TaxiData.CountingContext(allocator);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    rules.close();
    columns.close();
    decoded.forEach(VectorSchemaRoot::close);
    allocator.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void validateAndDerive(Blackhole bh) throws Exception {
    for (VectorSchemaRoot root : decoded) {
      // A zero-copy slice that this batch owns alone, as a decoded batch is in the pipeline.
      Batch out = TaxiData.silver(rules, columns, new Batch(root.slice(0, root.getRowCount()), null, null), context);
      if (out != null) {
        bh.consume(out.rowCount());
        out.release();
      }
    }
  }
}
