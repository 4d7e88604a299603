package io.logpro.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The DuckDB baseline of the file-to-Silver benchmark, run in its own JVM so that its wall time
 * and peak RSS are measured like logpro's: reads the taxi file with the same explicit column
 * types, applies the Silver rules, derives the same three columns and writes one zstd Parquet
 * file. Malformed records are skipped, as logpro sends them to the DLQ: CSV with store_rejects
 * (DuckDB 1.4's ignore_errors alone stops reading the file at the first unterminated quote and
 * silently returns a few hundred rows), NDJSON with ignore_errors.
 *
 * <p>{@code java -cp <bench classpath> io.logpro.bench.DuckDbSilver csv|ndjson INPUT_FILE OUTPUT.parquet}
 * prints {@code rows_out=N}.
 */
public final class DuckDbSilver {

  /**
   * The Silver rules and derived columns of examples/taxi/silver.yaml in SQL. logpro's derive
   * yields NULL for a division by zero; NULLIF gives the same here.
   */
  static String silverSelect(String reader) {
    return """
        SELECT *,
          date_diff('microsecond', tpep_pickup_datetime, tpep_dropoff_datetime) / 60000000.0 AS trip_duration_min,
          trip_distance / NULLIF(date_diff('microsecond', tpep_pickup_datetime, tpep_dropoff_datetime) / 60000000.0 / 60, 0) AS avg_speed_mph,
          tip_amount / NULLIF(fare_amount, 0) * 100 AS tip_pct
        FROM %s
        WHERE VendorID IS NOT NULL AND tpep_pickup_datetime IS NOT NULL AND tpep_dropoff_datetime IS NOT NULL
          AND PULocationID IS NOT NULL AND DOLocationID IS NOT NULL AND trip_distance IS NOT NULL
          AND fare_amount IS NOT NULL AND total_amount IS NOT NULL
          AND trip_distance >= 0 AND fare_amount >= 0
          AND tpep_pickup_datetime >= TIMESTAMP '2024-01-01 00:00:00' AND tpep_pickup_datetime < TIMESTAMP '2025-01-01 00:00:00'
          AND tpep_dropoff_datetime >= tpep_pickup_datetime
        """.formatted(reader);
  }

  static String reader(String format, Path input) {
    String path = "'" + input.toAbsolutePath().toString().replace("'", "''") + "'";
    String columns = TaxiSchema.duckDbColumns();
    return switch (format) {
      case "csv" -> "read_csv(" + path + ", header = true, auto_detect = false, delim = ',', quote = '\"', columns = "
          + columns + ", timestampformat = '%Y-%m-%d %H:%M:%S', store_rejects = true)";
      case "ndjson" -> "read_json(" + path + ", format = 'newline_delimited', columns = " + columns
          + ", timestampformat = '%Y-%m-%d %H:%M:%S', ignore_errors = true)";
      default -> throw new IllegalArgumentException("expected csv or ndjson, found " + format);
    };
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: DuckDbSilver csv|ndjson INPUT_FILE OUTPUT.parquet");
      System.exit(2);
    }
    System.out.println("rows_out=" + run(args[0], Path.of(args[1]), Path.of(args[2])));
  }

  /** Writes the Silver rows of {@code input} to {@code output}; returns how many. */
  static long run(String format, Path input, Path output) throws Exception {
    Files.deleteIfExists(output);
    String sql = "COPY (" + silverSelect(reader(format, input)) + ") TO '"
        + output.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      long rows;
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          rs.next();
          rows = rs.getLong(1);
        }
      } else {
        rows = s.getUpdateCount();
      }
      return rows;
    }
  }
}
