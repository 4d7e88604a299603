package io.logpro.formats.json;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;
import io.logpro.formats.SchemaConfig;

/**
 * The {@code json} format: NDJSON files (one object per line) or files holding one top-level
 * array of objects, and JSON object messages. Registered again as {@code ndjson} by {@link Ndjson}.
 */
public class JsonFormatFactory implements FormatFactory {
  private final ConfigSpec spec;

  public JsonFormatFactory() {
    this("json");
  }

  protected JsonFormatFactory(String type) {
    this.spec = spec(type);
  }

  public static ConfigSpec spec(String type) {
    return ConfigSpec.builder(type,
            "JSON objects, one per line (NDJSON) or as the elements of a top-level array: objects become structs,"
                + " arrays lists. Column types come from an explicit schema or are inferred from the first records;"
                + " keys not in the schema are ignored.")
        .field(FieldSpec.of("schema", FieldType.ANY, "Explicit top-level column types: a mapping {name: type} or a list of"
                + " {name, type, nullable}; types are int32, int64, float32, float64, bool, string, binary (base64),"
                + " date, time, timestamp, timestamptz, decimal(p,s).")
            .withExample("{VendorID: int64, tpep_pickup_datetime: timestamp}"))
        .field(FieldSpec.integer("infer_rows", "How many records to sample to infer the schema when there is none.").withDefault(1000L))
        .build();
  }

  @Override
  public ConfigSpec spec() {
    return spec;
  }

  @Override
  public Format create(Config config) {
    int inferRows = config.integer("infer_rows");
    if (inferRows < 1) throw config.error("infer_rows", "expected a positive number, found " + inferRows);
    return new JsonFormat(spec.type(), SchemaConfig.read(config, "schema"), inferRows);
  }

  /** The same format under the type name {@code ndjson}. */
  public static final class Ndjson extends JsonFormatFactory {
    public Ndjson() {
      super("ndjson");
    }
  }
}
