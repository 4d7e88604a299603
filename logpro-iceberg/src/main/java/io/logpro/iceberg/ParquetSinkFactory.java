package io.logpro.iceberg;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import java.nio.file.Path;

/** {@code type: parquet}. */
public final class ParquetSinkFactory implements SinkFactory {
  static final ConfigSpec SPEC = ConfigSpec.builder("parquet",
          "Writes batches as plain Parquet files into a directory; commit records under _commits/ make it exactly-once without a catalog.")
      .field(FieldSpec.string("path", "Directory of the Parquet files.").asRequired().withExample("./out/trips"))
      .field(FieldSpec.size("target_file_size", "Files roll to a new file at this size.").withDefault("128MB"))
      .fields(IcebergSinkFactory.PARQUET_FIELDS)
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Sink create(Config config) {
    String path = config.string("path");
    if (path == null || path.isBlank()) throw config.error("path", "expected a directory, found nothing");
    return new ParquetSink(new ParquetSink.Options(Path.of(path), IcebergSinkFactory.parquetSettings(config)));
  }
}
