package io.logpro.formats.bench;

import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.api.format.Format;
import io.logpro.api.format.RecordFileFormat;
import io.logpro.api.format.RecordFileReader;
import io.logpro.formats.csv.CsvFormatFactory;
import io.logpro.formats.json.JsonFormatFactory;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;

/**
 * A quick throughput check (not a test): writes N taxi-like rows (the 19 columns of the 2024
 * schema) as CSV and NDJSON, then frames and decodes them in batches on one thread.
 * Run: java -cp <test classpath> io.logpro.formats.bench.DecodeThroughput [rows]
 */
public final class DecodeThroughput {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  static final String HEADER = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,"
      + "store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,"
      + "improvement_surcharge,total_amount,congestion_surcharge,Airport_fee";

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_964_624;
    Path dir = Files.createTempDirectory("logpro-bench");
    Path csv = dir.resolve("taxi.csv");
    Path json = dir.resolve("taxi.ndjson");
    String[] names = HEADER.split(",");
    Random rnd = new Random(42);
    try (BufferedWriter c = Files.newBufferedWriter(csv); BufferedWriter j = Files.newBufferedWriter(json)) {
      c.write(HEADER);
      c.write('\n');
      for (int i = 0; i < rows; i++) {
        int day = 1 + rnd.nextInt(31);
        int h = rnd.nextInt(24);
        int m = rnd.nextInt(60);
        String pu = String.format("2024-01-%02d %02d:%02d:%02d", day, h, m, rnd.nextInt(60));
        String dof = String.format("2024-01-%02d %02d:%02d:%02d", day, h, Math.min(59, m + rnd.nextInt(20)), rnd.nextInt(60));
        Object[] v = {1 + rnd.nextInt(2), pu, dof, rnd.nextInt(5), Math.round(rnd.nextDouble() * 2000) / 100.0, 1, rnd.nextBoolean() ? "N" : "Y",
            1 + rnd.nextInt(265), 1 + rnd.nextInt(265), 1 + rnd.nextInt(4), Math.round(rnd.nextDouble() * 8000) / 100.0, 2.5, 0.5,
            Math.round(rnd.nextDouble() * 1500) / 100.0, 0.0, 1.0, Math.round(rnd.nextDouble() * 12000) / 100.0, 2.5, rnd.nextInt(10) == 0 ? 1.75 : 0.0};
        StringBuilder sc = new StringBuilder();
        StringBuilder sj = new StringBuilder("{");
        for (int k = 0; k < v.length; k++) {
          if (k > 0) {
            sc.append(',');
            sj.append(',');
          }
          sc.append(v[k]);
          sj.append('"').append(names[k]).append("\":");
          sj.append(v[k] instanceof String ? "\"" + v[k] + "\"" : v[k]);
        }
        c.write(sc.append('\n').toString());
        j.write(sj.append("}\n").toString());
      }
    }
    Format csvFormat = new CsvFormatFactory().create(MapConfig.of(CsvFormatFactory.SPEC, Map.of()));
    Format jsonFormat = new JsonFormatFactory().create(MapConfig.of(JsonFormatFactory.spec("json"), Map.of()));
    String only = System.getProperty("format", ""); // "csv" or "ndjson" to run one of them
    int rounds = Integer.getInteger("rounds", 3);
    for (int round = 0; round < rounds; round++) {
      if (!only.equals("ndjson")) run("csv", csvFormat, csv, rows);
      if (!only.equals("csv")) run("ndjson", jsonFormat, json, rows);
    }
    Files.delete(csv);
    Files.delete(json);
    Files.delete(dir);
  }

  static void run(String name, Format format, Path file, int rows) throws Exception {
    long frameNs = 0;
    long decodeNs = 0;
    long decoded = 0;
    long decodeCpuNs = 0;
    long cpu0 = CPU.getCurrentThreadCpuTime();
    try (var alloc = new RootAllocator(); Decoder d = format.newDecoder();
         RecordFileReader r = ((RecordFileFormat) format).openRecords(file, "p", 0)) {
      while (true) {
        long t0 = System.nanoTime();
        List<RawMessage> batch = r.read(8192);
        long t1 = System.nanoTime();
        frameNs += t1 - t0;
        if (batch.isEmpty()) break;
        long c1 = CPU.getCurrentThreadCpuTime();
        DecodeResult res = d.decode(batch, alloc);
        decodeNs += System.nanoTime() - t1;
        decodeCpuNs += CPU.getCurrentThreadCpuTime() - c1;
        decoded += res.root().getRowCount();
        if (!res.rejects().isEmpty()) throw new IllegalStateException(res.rejects().get(0).error());
        res.root().close();
      }
    }
    // CPU time of this thread (frame + decode) is steadier than wall time on a shared machine
    long cpuNs = CPU.getCurrentThreadCpuTime() - cpu0;
    System.out.printf("%-7s %,d rows: frame %.0f ms (%,.0f rows/s), decode %.0f ms (%,.0f rows/s); thread CPU: decode %.0f ms"
            + " (%,.0f rows/s), frame+decode %.0f ms (%,.0f rows/s)%n",
        name, decoded, frameNs / 1e6, decoded / (frameNs / 1e9), decodeNs / 1e6, decoded / (decodeNs / 1e9),
        decodeCpuNs / 1e6, decoded / (decodeCpuNs / 1e9), cpuNs / 1e6, decoded / (cpuNs / 1e9));
    if (decoded != rows) throw new IllegalStateException("decoded " + decoded + " of " + rows);
  }
}
