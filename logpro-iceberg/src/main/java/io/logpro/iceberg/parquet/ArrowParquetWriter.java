package io.logpro.iceberg.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes Arrow batches to one Parquet file through Iceberg's Parquet writer, with value writers
 * bound to the Arrow vectors ({@link VectorWriters}). The Parquet schema comes from the Iceberg
 * schema ({@code ParquetSchemaUtil.convert}), so field ids match the table; Iceberg computes the
 * column metrics from the footer when the file is closed.
 */
public final class ArrowParquetWriter implements Closeable {
  private final OutputFile output;
  private final FileAppender<RowCursor> appender;
  private final VectorWriters.Root[] root = new VectorWriters.Root[1];
  private final RowCursor cursor = new RowCursor();
  private long rows;
  private Written result;

  /** A closed file: where, how big, its column metrics and row group offsets. */
  public record Written(String location, long sizeInBytes, long rowCount, Metrics metrics, List<Long> splitOffsets) {}

  private ArrowParquetWriter(OutputFile output, FileAppender<RowCursor> appender) {
    this.output = output;
    this.appender = appender;
  }

  /**
   * Opens {@code output} for rows of {@code schema}. {@code properties} are Iceberg write
   * properties (table properties); {@code settings} override them.
   */
  public static ArrowParquetWriter open(
      OutputFile output, Schema schema, ParquetSettings settings, MetricsConfig metrics, Map<String, String> properties) {
    VectorWriters.Root[] holder = new VectorWriters.Root[1];
    try {
      FileAppender<RowCursor> appender = Parquet.write(output)
          .schema(schema)
          .setAll(properties)
          .setAll(settings.toProperties())
          .metricsConfig(metrics)
          .createWriterFunc((icebergSchema, messageType) -> holder[0] = new VectorWriters.Root(icebergSchema, messageType))
          .overwrite()
          .build();
      ArrowParquetWriter w = new ArrowParquetWriter(output, appender);
      w.root[0] = holder[0];
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + output.location(), e);
    }
  }

  /** Appends every row of {@code batch}. */
  public void write(VectorSchemaRoot batch) {
    write(batch, 0, batch.getRowCount());
  }

  /** Appends rows {@code [from, to)} of {@code batch}. */
  public void write(VectorSchemaRoot batch, int from, int to) {
    root[0].bind(batch);
    for (int i = from; i < to; i++) appender.add(cursor.at(i));
    rows += to - from;
  }

  /** Appends the rows {@code rows[from..to)} of {@code batch}, in that order. */
  public void write(VectorSchemaRoot batch, int[] rowIndexes, int from, int to) {
    root[0].bind(batch);
    for (int i = from; i < to; i++) appender.add(cursor.at(rowIndexes[i]));
    rows += to - from;
  }

  /** Bytes written so far plus an estimate of what is buffered. */
  public long length() {
    return appender.length();
  }

  public long rowCount() {
    return rows;
  }

  public String location() {
    return output.location();
  }

  /** Finishes the file; idempotent. */
  @Override
  public void close() {
    finish();
  }

  public Written finish() {
    if (result != null) return result;
    try {
      appender.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + output.location(), e);
    }
    // The file's real size: the appender's length is an estimate while it buffers.
    result = new Written(output.location(), output.toInputFile().getLength(), rows, appender.metrics(), appender.splitOffsets());
    return result;
  }
}
