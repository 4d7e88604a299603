package io.logpro.generate;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: measures writer throughput. Run with the test classpath:
 * {@code java -cp ... io.logpro.generate.TaxiThroughput [rows] [threads] [file]}
 * (no file: bytes are counted and dropped).
 */
public final class TaxiThroughput {
  private TaxiThroughput() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Path file = args.length > 2 ? Path.of(args[2]) : null;
    TaxiGenerator generator = new TaxiGenerator(42);
    for (String format : new String[] {"ndjson", "csv", "ndjson", "csv"}) {
      Counting counting = new Counting(file == null ? OutputStream.nullOutputStream()
          : new BufferedOutputStream(Files.newOutputStream(file), 1 << 20));
      long t0 = System.nanoTime();
      try (counting) {
        if (format.equals("csv")) generator.writeCsv(counting, 0, rows, true, threads);
        else generator.writeNdjson(counting, 0, rows, threads);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%-6s %,d rows, %d threads: %.2f s, %.2f M rows/s, %.0f MB/s%n",
          format, rows, threads, s, rows / s / 1e6, counting.bytes / s / 1e6);
    }
  }

  private static final class Counting extends OutputStream {
    private final OutputStream out;
    long bytes;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      bytes++;
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      bytes += len;
      out.write(b, off, len);
    }

    @Override
    public void close() throws java.io.IOException {
      out.close();
    }
  }
}
