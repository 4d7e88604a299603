package io.logpro.iceberg;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import io.logpro.iceberg.parquet.ParquetSettings;
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

  static final ConfigSpec SPEC = ConfigSpec.builder("iceberg",
          "Writes batches to an Iceberg table as zstd Parquet files and commits them with the source positions in the snapshot summary (exactly-once).")
      .field(FieldSpec.object("catalog", "The catalog; defaults to a SQLite JDBC catalog in ./lakehouse.", CATALOG))
      .field(FieldSpec.string("table", "The table, as namespace.name; created from the first batch's schema when absent.")
          .asRequired().withExample("bronze.trips"))
      .field(FieldSpec.strings("partition_by", "Partition fields of a new table: col, identity(col), year(col), month(col), day(col), hour(col), bucket(N, col), truncate(N, col).")
          .withExample("[day(pickup_time), bucket(16, vendor_id)]"))
      .field(FieldSpec.size("target_file_size", "Data files roll to a new file at this size.").withDefault("128MB"))
      .field(FieldSpec.size("row_group_size", "Parquet row group size.").withDefault("128MB"))
      .field(FieldSpec.size("page_size", "Parquet page size.").withDefault("1MB"))
      .field(FieldSpec.oneOf("compression", "Parquet compression codec.", "zstd", "snappy", "gzip", "uncompressed").withDefault("zstd"))
      .field(FieldSpec.integer("compression_level", "Codec level (zstd 1-22); the codec's default when absent."))
      .field(FieldSpec.bool("dictionary", "Dictionary-encode columns.").withDefault(true))
      .field(FieldSpec.integer("max_open_files", "Most partition files open at once; beyond it the least recently written is finished early, "
          + "which bounds memory when a commit spans many partitions.").withDefault(32L))
      .field(FieldSpec.of("properties", FieldType.ANY, "Table properties of a new table (a mapping of strings)."))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Sink create(Config config) {
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
    return new IcebergSink(new IcebergSink.Options(catalog, table, partitionBy, parquetSettings(config), stringMap(config, "properties"),
        config.integer("max_open_files")));
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
    return new ParquetSettings(config.string("compression"), level, config.bool("dictionary"), rowGroup, page, target);
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
