package io.logpro.formats.raw;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;

public final class RawFormatFactory implements FormatFactory {
  public static final ConfigSpec SPEC = ConfigSpec.builder("raw", "Each message as it is, in one column: bytes, or UTF-8 text.")
      .field(FieldSpec.string("column", "The column's name.").withDefault("value"))
      .field(FieldSpec.oneOf("as", "binary keeps the bytes; string checks and keeps UTF-8 text.", "binary", "string").withDefault("binary"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Format create(Config config) {
    return new RawFormat(config.string("column"), config.string("as").equals("string"));
  }
}
