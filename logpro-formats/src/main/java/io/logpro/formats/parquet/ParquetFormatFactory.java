package io.logpro.formats.parquet;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;

/** The {@code parquet} format: files carry their schema, so there is nothing to configure. */
public final class ParquetFormatFactory implements FormatFactory {
  public static final ConfigSpec SPEC = ConfigSpec.builder("parquet",
      "Apache Parquet files, read row group by row group into Arrow with the file's own schema (lists, structs,"
          + " maps as list<struct<key,value>>, timestamps as microseconds).").build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Format create(Config config) {
    return new ParquetFormat();
  }
}
