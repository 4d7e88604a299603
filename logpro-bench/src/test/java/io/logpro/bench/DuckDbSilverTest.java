package io.logpro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpro.api.Batch;
import io.logpro.api.RawMessage;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.api.format.RecordFileReader;
import io.logpro.api.processor.Processor;
import io.logpro.bench.jmh.TaxiData;
import io.logpro.generate.TaxiGenerator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DuckDB baseline must do the same work as logpro's Silver pipeline, or the comparison means nothing. */
class DuckDbSilverTest {
  private static final int ROWS = 20_000;

  @TempDir Path dir;

  /** Sums of [rows, trip_duration_min, avg_speed_mph, tip_pct] over the Silver rows. */
  record Totals(long rows, double duration, double speed, double tip) {}

  @ParameterizedTest
  @ValueSource(strings = {"csv", "ndjson"})
  void duckDbKeepsTheSameRowsAndDerivesTheSameValuesAsLogpro(String format) throws Exception {
    Path input = dir.resolve("trips." + format);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(input))) {
      TaxiGenerator g = new TaxiGenerator(42);
      if (format.equals("csv")) g.writeCsv(out, 0, ROWS, true, 1);
      else g.writeNdjson(out, 0, ROWS, 1);
    }
    Path parquet = dir.resolve("silver.parquet");

    long written = DuckDbSilver.run(format, input, parquet);

    Totals logpro = logproSilver(format, input);
    Totals duck = duckDbTotals(parquet);
    assertThat(written).isEqualTo(duck.rows());
    assertThat(duck.rows()).isEqualTo(logpro.rows()).isLessThan(ROWS);
    assertThat(duck.duration()).isCloseTo(logpro.duration(), within(1e-6 * Math.abs(logpro.duration())));
    assertThat(duck.speed()).isCloseTo(logpro.speed(), within(1e-6 * Math.abs(logpro.speed())));
    assertThat(duck.tip()).isCloseTo(logpro.tip(), within(1e-6 * Math.abs(logpro.tip())));
  }

  private static Totals logproSilver(String format, Path input) throws Exception {
    long rows = 0;
    double duration = 0;
    double speed = 0;
    double tip = 0;
    try (RootAllocator allocator = new RootAllocator();
         Processor rules = TaxiData.silverRules();
         Processor columns = TaxiData.silverColumns();
         Decoder decoder = TaxiData.format(format).newDecoder();
         RecordFileReader reader = ((RecordFileFormat) TaxiData.format(format)).openRecords(input, "test", 0)) {
      var context = new TaxiData.CountingContext(allocator);
      for (List<RawMessage> chunk = reader.read(TaxiData.CHUNK); !chunk.isEmpty(); chunk = reader.read(TaxiData.CHUNK)) {
        Batch out = TaxiData.silver(rules, columns, new Batch(decoder.decode(chunk, allocator).root(), null, null), context);
        if (out == null) continue;
        try (out) {
          rows += out.rowCount();
          duration += sum((Float8Vector) out.root().getVector("trip_duration_min"));
          speed += sum((Float8Vector) out.root().getVector("avg_speed_mph"));
          tip += sum((Float8Vector) out.root().getVector("tip_pct"));
        }
      }
    }
    return new Totals(rows, duration, speed, tip);
  }

  private static double sum(Float8Vector v) {
    double s = 0;
    for (int i = 0; i < v.getValueCount(); i++) if (!v.isNull(i)) s += v.get(i);
    return s;
  }

  private static Totals duckDbTotals(Path parquet) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*), sum(trip_duration_min), sum(avg_speed_mph), sum(tip_pct) FROM read_parquet('"
             + parquet.toAbsolutePath() + "')")) {
      rs.next();
      return new Totals(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
    }
  }
}
