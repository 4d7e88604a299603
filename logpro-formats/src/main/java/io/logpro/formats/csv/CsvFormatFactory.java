package io.logpro.formats.csv;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;
import java.util.List;

/** The {@code csv} format: RFC 4180 files and messages. */
public final class CsvFormatFactory implements FormatFactory {
  public static final ConfigSpec SPEC = ConfigSpec.builder("csv",
          "Comma-separated values (RFC 4180): quoted fields with delimiters, quotes and line breaks, CRLF or LF,"
              + " an optional UTF-8 BOM. Column types come from an explicit schema or are inferred from the first records.")
      .field(FieldSpec.bool("header", "Whether the first record of a file names the columns.").withDefault(true))
      .field(FieldSpec.string("delimiter", "The field separator, one ASCII character (\\t or tab for a tab).").withDefault(","))
      .field(FieldSpec.string("quote", "The quote character, one ASCII character.").withDefault("\""))
      .field(FieldSpec.strings("columns", "Column names when the file has no header, or to rename the header's columns by position.")
          .withExample("[VendorID, tpep_pickup_datetime]"))
      .field(FieldSpec.strings("null_values", "Field contents read as null.").withDefault(List.of("")))
      .field(FieldSpec.of("schema", FieldType.ANY, "Explicit column types: a mapping {name: type} or a list of {name, type, nullable};"
              + " types are int32, int64, float32, float64, bool, string, binary, date, time, timestamp, timestamptz, decimal(p,s).")
          .withExample("{VendorID: int32, fare_amount: float64}"))
      .field(FieldSpec.integer("infer_rows", "How many records to sample to infer column types when there is no schema.").withDefault(1000L))
      .field(FieldSpec.string("timestamp_format", "A java.time pattern for timestamps; by default ISO-8601 and yyyy-MM-dd HH:mm:ss[.SSSSSS] are accepted.")
          .withExample("dd/MM/yyyy HH:mm"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Format create(Config config) {
    return new CsvFormat(CsvOptions.from(config));
  }
}
