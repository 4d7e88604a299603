package io.logpro.bench.jmh;

import io.logpro.api.RawMessage;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding taxi records (framed by the format's file reader) into Arrow batches with the explicit
 * 2024 schema, on one thread. One operation is one input record, so the score is records/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {
  /** 8 chunks of 8,192 records. */
  static final int ROWS = 65_536;

  @Param({"csv", "ndjson"})
  public String format;

  private RootAllocator allocator;
  private List<List<RawMessage>> chunks;
  private Decoder decoder;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    allocator = new RootAllocator();
    chunks = TaxiData.messages(format, ROWS);
    decoder = TaxiData.format(format).newDecoder();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    decoder.close();
    allocator.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void decode(Blackhole bh) {
    for (List<RawMessage> chunk : chunks) {
      DecodeResult r = decoder.decode(chunk, allocator);
      bh.consume(r.rejects().size());
      r.root().close();
    }
  }
}
