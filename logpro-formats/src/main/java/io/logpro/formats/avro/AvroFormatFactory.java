package io.logpro.formats.avro;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;
import java.io.IOException;
import org.apache.arrow.vector.types.pojo.Schema;

/** The {@code avro} format: object container files (which carry their schema) and single binary records. */
public final class AvroFormatFactory implements FormatFactory {
  public static final ConfigSpec SPEC = ConfigSpec.builder("avro",
          "Apache Avro: object container files read with their own schema, and single binary records (Kafka values,"
              + " plain or single-object encoded) decoded with the configured writer schema. Records become structs,"
              + " arrays lists, maps list<struct<key,value>>, enums strings; unions with null are nullable.")
      .field(FieldSpec.string("schema", "The Avro writer schema as JSON; required to decode messages, unused for files.")
          .withExample("{\"type\":\"record\",\"name\":\"Trip\",\"fields\":[{\"name\":\"VendorID\",\"type\":\"int\"}]}"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Format create(Config config) {
    String text = config.string("schema");
    if (text == null || text.isBlank()) return new AvroFormat(null, null);
    org.apache.avro.Schema avro;
    try {
      avro = new org.apache.avro.Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      throw config.error("schema", "expected an Avro schema in JSON, found an error: " + e.getMessage());
    }
    Schema arrow;
    try {
      arrow = AvroSchemas.toArrow(avro);
    } catch (IOException e) {
      throw config.error("schema", e.getMessage());
    }
    return new AvroFormat(avro, arrow);
  }
}
