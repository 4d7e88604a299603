package io.logpro.iceberg.parquet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.TableProperties;

/**
 * How Parquet files are written.
 *
 * @param compression      zstd, snappy, gzip or uncompressed
 * @param compressionLevel codec level, or null for the codec's default
 * @param dictionary       dictionary-encode columns (falls back to plain when a dictionary grows too big)
 * @param rowGroupSize     target bytes of a row group
 * @param pageSize         target bytes of a page
 * @param pageRows         most rows in a page: values stay uncompressed in memory until their page is full
 * @param targetFileSize   files roll once they reach this many bytes
 */
public record ParquetSettings(
    String compression, Integer compressionLevel, boolean dictionary, long rowGroupSize, long pageSize, int pageRows, long targetFileSize) {
  /**
   * Parquet's and Iceberg's default is 20,000 rows. A streaming sink keeps a file per partition
   * open between commits and those rows of every column uncompressed until then; 4,096 keeps a
   * file's open pages about five times smaller for a few more page headers.
   */
  public static final int DEFAULT_PAGE_ROWS = 4096;

  public static final long MB = 1L << 20;

  public ParquetSettings {
    compression = compression == null ? "zstd" : compression.toLowerCase(Locale.ROOT);
    if (!compression.matches("zstd|snappy|gzip|uncompressed")) {
      throw new IllegalArgumentException("compression: expected zstd, snappy, gzip or uncompressed, found '" + compression + "'");
    }
    if (rowGroupSize <= 0 || pageSize <= 0 || pageRows <= 0 || targetFileSize <= 0) throw new IllegalArgumentException("sizes must be positive");
  }

  public static ParquetSettings defaults() {
    return new ParquetSettings("zstd", null, true, 128 * MB, 1 * MB, DEFAULT_PAGE_ROWS, 128 * MB);
  }

  public ParquetSettings withTargetFileSize(long bytes) {
    return new ParquetSettings(compression, compressionLevel, dictionary, rowGroupSize, pageSize, pageRows, bytes);
  }

  public ParquetSettings withRowGroupSize(long bytes) {
    return new ParquetSettings(compression, compressionLevel, dictionary, bytes, pageSize, pageRows, targetFileSize);
  }

  /** As Iceberg write properties (also what the sink stores as table properties on create). */
  public Map<String, String> toProperties() {
    Map<String, String> p = new HashMap<>();
    p.put(TableProperties.PARQUET_COMPRESSION, compression);
    if (compressionLevel != null) p.put(TableProperties.PARQUET_COMPRESSION_LEVEL, compressionLevel.toString());
    p.put(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, Long.toString(rowGroupSize));
    p.put(TableProperties.PARQUET_PAGE_SIZE_BYTES, Long.toString(pageSize));
    p.put(TableProperties.PARQUET_PAGE_ROW_LIMIT, Integer.toString(pageRows));
    p.put(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, Long.toString(targetFileSize));
    p.put("parquet.enable.dictionary", Boolean.toString(dictionary));
    return p;
  }
}
