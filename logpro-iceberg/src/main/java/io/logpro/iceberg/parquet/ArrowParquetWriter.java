package io.logpro.iceberg.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.ParquetCodecFactory;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes Arrow batches to one Parquet file a column at a time ({@link VectorWriters}), straight
 * into parquet-column's column writers and parquet-hadoop's file writer.
 *
 * <p>This does what Iceberg's own Parquet appender does (same Parquet schema with the table's
 * field ids, same page/dictionary/row-group properties read from the table properties, the
 * {@code iceberg.schema} footer entry, metrics from the footer with the table's MetricsConfig),
 * but it is not driven one row at a time, and it builds no Hadoop {@link Configuration} from the
 * default XML resources: Iceberg's appender parses them for every file, which dominated writes
 * with many small partition files.
 *
 * <p>Finished (compressed) pages live in {@link PageMemory} (Arrow memory of the caller's
 * allocator) until the row group is flushed or the file closed, also when writing fails; the
 * pages being filled are on the heap, at most {@code page_rows} rows per column.
 */
public final class ArrowParquetWriter implements Closeable {
  /** Rows written per column before moving to the next column: enough to keep a column's dictionary hot, few enough to keep pages near their size. */
  static final int CHUNK_ROWS = 4096;
  private static final int COLUMN_INDEX_TRUNCATE_LENGTH = 64; // Iceberg's default (parquet.columnindex.truncate.length)

  private final OutputFile output;
  private final MessageType parquetSchema;
  private ParquetProperties props;
  /** The first rows have been looked at for {@link #plainForMostlyDistinctIntegers}. */
  private boolean sampled;
  private final CodecFactory codecs;
  private final org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor compressor;
  private final MetricsConfig metricsConfig;
  private final Map<String, String> metadata;
  private final long targetRowGroupSize;
  private final ParquetFileWriter writer;
  private final PageMemory pageMemory;
  private final VectorWriters.Root root;
  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore writeStore;
  /** The page and column stores of the open row group hold buffers that are not released yet. */
  private boolean storesOpen;
  private int rowGroupOrdinal;
  private long recordCount; // rows in the open row group
  private long nextCheckRecordCount;
  private long rows;
  private int[] identity = new int[0];
  private Written result;
  private boolean closed;

  /** A closed file: where, how big, its column metrics and row group offsets. */
  public record Written(String location, long sizeInBytes, long rowCount, Metrics metrics, List<Long> splitOffsets) {}

  private ArrowParquetWriter(OutputFile output, Schema schema, ParquetSettings settings, MetricsConfig metrics, Map<String, String> properties,
      BufferAllocator memory) throws IOException {
    Map<String, String> all = new HashMap<>(properties);
    all.putAll(settings.toProperties());
    this.output = output;
    this.metricsConfig = metrics;
    this.parquetSchema = ParquetSchemaUtil.convert(schema, "table");
    this.targetRowGroupSize = settings.rowGroupSize();
    this.metadata = Map.of("iceberg.schema", SchemaParser.toJson(schema));
    this.pageMemory = new PageMemory(memory);
    // A factory of its own: Parquet's default one is a JVM-wide singleton that remembers the
    // properties (allocator, dictionary settings) of whichever writer was built last, so the later
    // row groups of one sink's files were written with another sink's settings.
    // The values of the pages being filled stay on the heap (Parquet writes them a few bytes at a
    // time, which into direct buffers took a tenth of the sink's time); page_rows bounds them.
    ParquetProperties.Builder builder = ParquetProperties.builder()
        .withValuesWriterFactory(new DefaultV1ValuesWriterFactory());
    if (settings.dictionary()) {
      // Floating-point and timestamp values are nearly all distinct: their dictionary is built,
      // then thrown away when parquet falls back to plain — the largest cost in the sink profiles.
      for (var column : parquetSchema.getColumns()) {
        var type = column.getPrimitiveType();
        boolean timestamp = type.getLogicalTypeAnnotation()
            instanceof org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
        switch (type.getPrimitiveTypeName()) {
          case DOUBLE, FLOAT -> builder.withDictionaryEncoding(String.join(".", column.getPath()), false);
          case INT64 -> {
            if (timestamp) builder.withDictionaryEncoding(String.join(".", column.getPath()), false);
          }
          default -> {}
        }
      }
    }
    this.props = builder
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withPageSize((int) Math.min(Integer.MAX_VALUE, settings.pageSize()))
        .withPageRowCountLimit(PropertyUtil.propertyAsInt(all, TableProperties.PARQUET_PAGE_ROW_LIMIT, TableProperties.PARQUET_PAGE_ROW_LIMIT_DEFAULT))
        .withDictionaryEncoding(settings.dictionary())
        .withDictionaryPageSize(PropertyUtil.propertyAsInt(all, TableProperties.PARQUET_DICT_SIZE_BYTES, TableProperties.PARQUET_DICT_SIZE_BYTES_DEFAULT))
        .withMinRowCountForPageSizeCheck(PropertyUtil.propertyAsInt(all,
            TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT, TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT_DEFAULT))
        .withMaxRowCountForPageSizeCheck(PropertyUtil.propertyAsInt(all,
            TableProperties.PARQUET_ROW_GROUP_CHECK_MAX_RECORD_COUNT, TableProperties.PARQUET_ROW_GROUP_CHECK_MAX_RECORD_COUNT_DEFAULT))
        .build();
    // Only the keys set here: new Configuration() would parse Hadoop's default XML resources per file.
    Configuration conf = new Configuration(false);
    String level = all.get(TableProperties.PARQUET_COMPRESSION_LEVEL);
    CompressionCodecName codec = CompressionCodecName.valueOf(settings.compression().toUpperCase(Locale.ROOT));
    if (level != null) {
      switch (codec) {
        case ZSTD -> {
          conf.set("io.compression.codec.zstd.level", level);
          conf.set("parquet.compression.codec.zstd.level", level);
        }
        case GZIP -> conf.set("zlib.compress.level", level);
        default -> {}
      }
    }
    this.codecs = new ParquetCodecFactory(conf, props.getPageSizeThreshold());
    this.compressor = codec == CompressionCodecName.ZSTD
        ? new ZstdPageCompressor(level == null ? ZstdPageCompressor.DEFAULT_LEVEL : Integer.parseInt(level.trim()))
        : codecs.getCompressor(codec);
    this.writer = new ParquetFileWriter(new ParquetOutput(output), parquetSchema, ParquetFileWriter.Mode.OVERWRITE,
        targetRowGroupSize, 0, COLUMN_INDEX_TRUNCATE_LENGTH, ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH,
        ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED, (org.apache.parquet.crypto.InternalFileEncryptor) null);
    writer.start();
    this.root = new VectorWriters.Root(schema, parquetSchema);
    startRowGroup();
  }

  /**
   * Opens {@code output} for rows of {@code schema}. {@code properties} are Iceberg write
   * properties (table properties); {@code settings} override them. The file's page buffers are
   * allocated from {@code memory} and all given back by {@link #finish()} or {@link #close()}.
   */
  public static ArrowParquetWriter open(OutputFile output, Schema schema, ParquetSettings settings, MetricsConfig metrics,
      Map<String, String> properties, BufferAllocator memory) {
    try {
      return new ArrowParquetWriter(output, schema, settings, metrics, properties, memory);
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
    if (identity.length < to) {
      identity = new int[Math.max(to, identity.length * 2)];
      for (int i = 0; i < identity.length; i++) identity[i] = i;
    }
    write(batch, identity, from, to);
  }

  /** Appends the rows {@code rows[from..to)} of {@code batch}, in that order. */
  public void write(VectorSchemaRoot batch, int[] rowIndexes, int from, int to) {
    if (!sampled && to > from) plainForMostlyDistinctIntegers(batch, rowIndexes, from, to);
    root.bind(batch);
    int i = from;
    while (i < to) {
      // a chunk never runs past the next row-group size check, as Iceberg's appender checks
      long untilCheck = Math.max(1, nextCheckRecordCount - recordCount);
      int end = (int) Math.min(to, i + Math.min(CHUNK_ROWS, untilCheck));
      root.writeColumns(rowIndexes, i, end);
      for (int r = i; r < end; r++) writeStore.endRecord();
      recordCount += end - i;
      rows += end - i;
      i = end;
      checkSize();
    }
  }

  /** Rows looked at per column; a decision needs at least half as many non-null values. */
  static final int DICTIONARY_SAMPLE = 1024;

  /**
   * Before the file's first rows: a top-level integer column whose first values are mostly
   * distinct (ids, offsets, sequence numbers) is written plain. Parquet would build its dictionary
   * for every page and then throw it away when it finds plain smaller — in the Kafka benchmark
   * the offset column's dictionary cost more than any other column's encoding.
   */
  private void plainForMostlyDistinctIntegers(VectorSchemaRoot batch, int[] rowIndexes, int from, int to) {
    sampled = true;
    ParquetProperties.Builder changed = null;
    for (var column : parquetSchema.getColumns()) {
      if (column.getPath().length != 1 || !props.isDictionaryEnabled(column)) continue;
      var type = column.getPrimitiveType().getPrimitiveTypeName();
      if (type != PrimitiveTypeName.INT32
          && type != PrimitiveTypeName.INT64) continue;
      if (!(batch.getVector(column.getPath()[0]) instanceof BaseIntVector ints)) continue;
      if (mostlyDistinct(ints, rowIndexes, from, to)) {
        if (changed == null) changed = ParquetProperties.copy(props);
        changed.withDictionaryEncoding(column.getPath()[0], false);
      }
    }
    if (changed == null) return;
    props = changed.build();
    closeStores(); // nothing written yet: the row group starts again with the new settings
    rowGroupOrdinal = 0;
    startRowGroup();
  }

  /** Whether the top-level column {@code name} is dictionary-encoded (for tests). */
  boolean dictionaryEncodes(String name) {
    for (var column : parquetSchema.getColumns()) {
      if (column.getPath().length == 1 && column.getPath()[0].equals(name)) return props.isDictionaryEnabled(column);
    }
    throw new IllegalArgumentException("no top-level column " + name);
  }

  private static boolean mostlyDistinct(BaseIntVector v, int[] rowIndexes, int from, int to) {
    int n = Math.min(to - from, DICTIONARY_SAMPLE);
    long[] values = new long[n];
    int count = 0;
    for (int k = 0; k < n; k++) {
      int row = rowIndexes[from + k];
      if (!v.isNull(row)) values[count++] = v.getValueAsLong(row);
    }
    if (count < DICTIONARY_SAMPLE / 2) return false;
    Arrays.sort(values, 0, count);
    int distinct = 1;
    for (int i = 1; i < count; i++) if (values[i] != values[i - 1]) distinct++;
    return distinct * 2 > count;
  }

  /** Iceberg's row-group policy: flush once the buffered size nears the target, re-check at half the estimated remaining rows. */
  private void checkSize() {
    if (recordCount < nextCheckRecordCount) return;
    long buffered = writeStore.getBufferedSize();
    double avgRecordSize = ((double) buffered) / recordCount;
    if (buffered > targetRowGroupSize - 2 * avgRecordSize) {
      flushRowGroup(false);
    } else {
      long remainingRecords = (long) ((targetRowGroupSize - buffered) / avgRecordSize);
      nextCheckRecordCount = recordCount
          + Math.min(Math.max(remainingRecords / 2, props.getMinRowCountForPageSizeCheck()), props.getMaxRowCountForPageSizeCheck());
    }
  }

  private void flushRowGroup(boolean finished) {
    try {
      if (recordCount > 0) {
        writer.startBlock(recordCount);
        writeStore.flush();
        pageStore.flushToFileWriter(writer);
        writer.endBlock();
        if (!finished) {
          closeStores();
          startRowGroup();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a row group to " + output.location(), e);
    }
  }

  private void startRowGroup() {
    nextCheckRecordCount = Math.min(Math.max(recordCount / 2, props.getMinRowCountForPageSizeCheck()), props.getMaxRowCountForPageSizeCheck());
    recordCount = 0;
    pageStore = new ColumnChunkPageWriteStore(compressor, parquetSchema, pageMemory, COLUMN_INDEX_TRUNCATE_LENGTH,
        ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED, null, rowGroupOrdinal++);
    writeStore = props.newColumnWriteStore(parquetSchema, pageStore, pageStore);
    storesOpen = true;
    root.setColumnStore(writeStore);
  }

  /** Gives the row group's buffers back: the column writers' first, then the pages'. */
  private void closeStores() {
    if (!storesOpen) return;
    storesOpen = false;
    try {
      writeStore.close();
    } finally {
      pageStore.close();
    }
  }

  /** Bytes written so far plus what the open row group buffers (an estimate until closed). */
  public long length() {
    try {
      return writer.getPos() + (recordCount > 0 ? writeStore.getBufferedSize() : 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    if (closed) throw new IllegalStateException("closing " + output.location() + " failed before");
    closed = true;
    try {
      flushRowGroup(true);
      closeStores();
      writer.end(metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + output.location(), e);
    } finally {
      try {
        closeStores();
      } catch (RuntimeException e) {
        // failed already: whatever it did not release is freed below
      } finally {
        pageMemory.releaseAll();
        compressor.release();
        codecs.release();
      }
    }
    var footer = writer.getFooter();
    result = new Written(output.location(), output.toInputFile().getLength(), rows,
        ParquetUtil.footerMetrics(footer, Stream.empty(), metricsConfig), ParquetUtil.getSplitOffsets(footer));
    return result;
  }
}
