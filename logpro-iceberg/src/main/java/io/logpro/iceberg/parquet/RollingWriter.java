package io.logpro.iceberg.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFile;

/**
 * A sequence of Parquet files of one schema (and one partition): rolls to a new file once the
 * current one reaches the target size.
 */
public final class RollingWriter {
  static final int CHECK_ROWS = 1000;

  private final Supplier<OutputFile> files;
  private final FileIO io;
  private final Schema schema;
  private final ParquetSettings settings;
  private final MetricsConfig metrics;
  private final Map<String, String> properties;
  private final BufferAllocator memory;
  private final List<ArrowParquetWriter.Written> done = new ArrayList<>();
  private ArrowParquetWriter current;

  /** {@code memory} holds the open file's page buffers (see {@link ArrowParquetWriter}). */
  public RollingWriter(Supplier<OutputFile> files, FileIO io, Schema schema, ParquetSettings settings, MetricsConfig metrics,
      Map<String, String> properties, BufferAllocator memory) {
    this.files = files;
    this.io = io;
    this.schema = schema;
    this.settings = settings;
    this.metrics = metrics;
    this.properties = properties;
    this.memory = memory;
  }

  /** Appends {@code rows[0..count)} of {@code batch}, or all its rows when {@code rows} is null. */
  public void write(VectorSchemaRoot batch, int[] rows, int count) {
    write(batch, rows, 0, rows == null ? batch.getRowCount() : count);
  }

  /**
   * Appends {@code rows[from..to)} of {@code batch}, or rows {@code [from, to)} when {@code rows}
   * is null. The file size is checked after at least {@link #CHECK_ROWS} rows, and otherwise
   * after half the rows estimated to fill the file, so a big batch goes to the writer in few calls.
   */
  public void write(VectorSchemaRoot batch, int[] rows, int from, int to) {
    int i = from;
    while (i < to) {
      if (current == null) current = ArrowParquetWriter.open(files.get(), schema, settings, metrics, properties, memory);
      int end = (int) Math.min(to, i + nextSpan());
      if (rows == null) current.write(batch, i, end);
      else current.write(batch, rows, i, end);
      i = end;
      if (current.length() >= settings.targetFileSize()) roll();
    }
  }

  private long nextSpan() {
    long written = current.rowCount();
    if (written == 0) return CHECK_ROWS;
    double perRow = (double) current.length() / written;
    long remaining = perRow <= 0 ? CHECK_ROWS : (long) ((settings.targetFileSize() - current.length()) / perRow);
    return Math.max(CHECK_ROWS, remaining / 2);
  }

  private void roll() {
    ArrowParquetWriter w = current;
    current = null;
    done.add(w.finish());
  }

  /** True once a file has reached its target size. */
  public boolean hasRolled() {
    return !done.isEmpty();
  }

  /** Bytes written or buffered so far, over all files. */
  public long length() {
    long total = current == null ? 0 : current.length();
    for (var w : done) total += w.sizeInBytes();
    return total;
  }

  /** Closes the open file and hands over every finished file; the writer can be used again. */
  public List<ArrowParquetWriter.Written> finish() {
    if (current != null) roll();
    List<ArrowParquetWriter.Written> out = List.copyOf(done);
    done.clear();
    return out;
  }

  /** Closes and deletes every file not handed over yet. */
  public void abort() {
    List<String> locations = new ArrayList<>();
    if (current != null) {
      locations.add(current.location());
      try {
        current.close();
      } catch (RuntimeException ignored) {
        // the file is deleted below either way
      }
      current = null;
    }
    for (var w : done) locations.add(w.location());
    done.clear();
    for (String l : locations) {
      try {
        io.deleteFile(l);
      } catch (RuntimeException ignored) {
        // best effort: an orphan is harmless to readers, nothing references it
      }
    }
  }
}
