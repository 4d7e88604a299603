package io.logpro.iceberg;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import io.logpro.iceberg.maintenance.MaintenanceSettings;
import io.logpro.iceberg.parquet.ParquetSettings;
import io.logpro.iceberg.schema.SchemaPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code type: iceberg}. */
public final class IcebergSinkFactory implements SinkFactory {
  static final ConfigSpec CATALOG = ConfigSpec.builder("", "The Iceberg catalog.")
      .field(FieldSpec.oneOf("type", "jdbc (SQLite file by default, PostgreSQL by uri) or hadoop (files only).", "jdbc", "hadoop").withDefault("jdbc"))
      .field(FieldSpec.string("uri", "JDBC URL of the catalog database; default jdbc:sqlite:<warehouse>/catalog.db.")
          .withExample("jdbc:postgresql://localhost:5432/catalog"))
      .field(FieldSpec.string("warehouse", "Directory that holds the tables' data and metadata.").withDefault(IcebergCatalogs.DEFAULT_WAREHOUSE))
      .field(FieldSpec.string("name", "The catalog's name (rows of one JDBC database are grouped by it).").withDefault(IcebergCatalogs.DEFAULT_NAME))
      .field(FieldSpec.string("user", "Database user of a JDBC catalog."))
      .field(FieldSpec.string("password", "Database password of a JDBC catalog.").asSecret())
      .field(FieldSpec.of("properties", FieldType.ANY, "Extra Iceberg catalog properties (a mapping of strings)."))
      .build();

  static final ConfigSpec MAINTENANCE = ConfigSpec.builder("", "Table maintenance run in the background while the pipeline runs; "
          + "each job is off unless its key is set. A failed job is logged and tried again at its next interval; it never stops the pipeline.")
      .field(FieldSpec.duration("compact_every", "Rewrite small files (below 75% of target_file_size, at least 2 in a partition) into files "
          + "toward target_file_size this often. Concurrent appends of the pipeline do not conflict.").withExample("30m"))
      .field(FieldSpec.duration("expire_older_than", "Expire snapshots older than this, except the last retain_last and the latest snapshot "
          + "of every pipeline and sink that wrote the table (their committed positions live there).").withExample("7d"))
      .field(FieldSpec.integer("retain_last", "Snapshots snapshot expiry always keeps.").withDefault(1L).withExample("100"))
      .field(FieldSpec.duration("remove_orphans_older_than", "Delete files in the table's data and metadata directories that no snapshot "
          + "references and that are older than this (writers' in-flight files are younger).").withExample("3d"))
      .field(FieldSpec.duration("every", "How often snapshot expiry and orphan removal run.").withDefault("1h"))
      .build();

  /** How Parquet files are written: the iceberg and parquet sinks share them ({@link #parquetSettings}). */
  static final List<FieldSpec> PARQUET_FIELDS = List.of(
      FieldSpec.size("row_group_size", "Parquet row group size.").withDefault("128MB"),
      FieldSpec.size("page_size", "Parquet page size.").withDefault("1MB"),
      FieldSpec.integer("page_rows", "Most rows in a Parquet page. An open file keeps its pages' rows uncompressed until the page is full, "
          + "so this bounds the memory of files kept open between commits.").withDefault((long) ParquetSettings.DEFAULT_PAGE_ROWS),
      FieldSpec.oneOf("compression", "Parquet compression codec.", "zstd", "snappy", "gzip", "uncompressed").withDefault("zstd"),
      FieldSpec.integer("compression_level", "Codec level (zstd 1-22); the codec's default when absent."),
      FieldSpec.bool("dictionary", "Dictionary-encode columns.").withDefault(true));

  static final ConfigSpec SPEC = ConfigSpec.builder("iceberg",
          "Writes batches to an Iceberg table as zstd Parquet files and commits them with the source positions in the snapshot summary (exactly-once).")
      .field(FieldSpec.object("catalog", "The catalog; defaults to a SQLite JDBC catalog in ./lakehouse.", CATALOG))
      .field(FieldSpec.string("table", "The table, as namespace.name; created from the first batch's schema when absent.")
          .asRequired().withExample("bronze.trips"))
      .field(FieldSpec.strings("partition_by", "Partition fields of a new table: col, identity(col), year(col), month(col), day(col), hour(col), bucket(N, col), truncate(N, col).")
          .withExample("[day(pickup_time), bucket(16, vendor_id)]"))
      .field(FieldSpec.size("target_file_size", "Data files roll to a new file at this size.").withDefault("128MB"))
      .fields(PARQUET_FIELDS)
      .field(FieldSpec.integer("max_open_files", "Most partition files open at once; beyond it the least recently written is finished early, "
          + "which bounds memory when a commit spans many partitions.").withDefault(32L))
      .field(io.logpro.api.RetryPolicy.field())
      .field(FieldSpec.of("properties", FieldType.ANY, "Table properties of a new table (a mapping of strings)."))
      .field(FieldSpec.oneOf("schema_evolution", "What happens when a batch's schema differs from the table's. "
          + "strict: every row of the batch goes to the dead-letter output with the differences, the table never changes. "
          + "permissive: new columns are added (optional), safe widenings applied (int32→int64, float→double, decimal precision up), "
          + "missing optional columns written as null; rows with a value of an unsafe type (string where the table has int64, a narrowing) "
          + "go to the dead-letter output. "
          + "rescue: like permissive, but new columns are not added: values that do not fit the table go, per row, as a JSON object "
          + "into a _rescued_data string column (added once).", "strict", "permissive", "rescue").withDefault("permissive"))
      .field(FieldSpec.object("maintenance", "Background compaction, snapshot expiry and orphan file removal.", MAINTENANCE))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Sink create(Config config) {
    return new IcebergSink(options(config));
  }

  /** The validated options of an iceberg sink's config (also what {@code logpro iceberg} maintains). */
  public static IcebergSink.Options options(Config config) {
    Config c = config.object("catalog");
    var catalog = new IcebergCatalogs.Settings(
        c.string("type"), c.string("name"), c.string("warehouse"), c.string("uri"), c.string("user"), c.string("password"),
        stringMap(c, "properties"));
    List<PartitionSpecs.Field> partitionBy;
    try {
      partitionBy = PartitionSpecs.parse(config.strings("partition_by"));
    } catch (IllegalArgumentException e) {
      throw config.error("partition_by", e.getMessage());
    }
    String table = config.string("table");
    if (table == null || table.isBlank()) throw config.error("table", "expected namespace.name, found nothing");
    ParquetSettings parquet = parquetSettings(config);
    return new IcebergSink.Options(catalog, table, partitionBy, parquet, stringMap(config, "properties"),
        config.integer("max_open_files"), SchemaPolicy.parse(config.string("schema_evolution")), maintenance(config, parquet),
        io.logpro.api.RetryPolicy.from(config));
  }

  private static MaintenanceSettings maintenance(Config config, ParquetSettings parquet) {
    if (!config.has("maintenance")) return MaintenanceSettings.NONE;
    Config m = config.object("maintenance");
    int retainLast = m.has("retain_last") ? m.integer("retain_last") : 1;
    if (retainLast < 1) throw m.error("retain_last", "expected at least 1, found " + retainLast);
    Duration compact = positive(m, "compact_every");
    Duration every = m.has("every") ? positive(m, "every") : Duration.ofHours(1);
    return new MaintenanceSettings(compact, parquet.targetFileSize(), nonNegative(m, "expire_older_than"), retainLast,
        nonNegative(m, "remove_orphans_older_than"), every);
  }

  private static Duration positive(Config c, String key) {
    if (!c.has(key)) return null;
    Duration d = c.duration(key);
    if (d.isZero() || d.isNegative()) throw c.error(key, "expected a positive duration, found " + c.raw(key));
    return d;
  }

  private static Duration nonNegative(Config c, String key) {
    return c.has(key) ? c.duration(key) : null;
  }

  /** The Parquet settings shared by the iceberg and parquet sinks. */
  static ParquetSettings parquetSettings(Config config) {
    Integer level = config.has("compression_level") ? config.integer("compression_level") : null;
    long rowGroup = config.bytes("row_group_size");
    long page = config.has("page_size") ? config.bytes("page_size") : ParquetSettings.MB;
    long target = config.bytes("target_file_size");
    if (rowGroup <= 0) throw config.error("row_group_size", "expected a positive size, found " + rowGroup);
    if (target <= 0) throw config.error("target_file_size", "expected a positive size, found " + target);
    if (page <= 0) throw config.error("page_size", "expected a positive size, found " + page);
    int pageRows = config.has("page_rows") ? config.integer("page_rows") : ParquetSettings.DEFAULT_PAGE_ROWS;
    if (pageRows <= 0) throw config.error("page_rows", "expected a positive number of rows, found " + pageRows);
    return new ParquetSettings(config.string("compression"), level, config.bool("dictionary"), rowGroup, page, pageRows, target);
  }

  static Map<String, String> stringMap(Config config, String key) {
    Object raw = config.raw(key);
    if (raw == null) return Map.of();
    if (!(raw instanceof Map<?, ?> m)) throw config.error(key, "expected a mapping of strings, found '" + raw + "'");
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }
}
