package io.logpro.kafka;

import io.logpro.api.config.Config;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the writable format of a sink's {@code format:} block through {@link ServiceLoader}
 * (json when absent). Hand-written rather than borrowed from logpro-core's registry so that this
 * module depends on the SPI only.
 */
final class SinkFormats {
  private SinkFormats() {}

  static EncodingFormat of(Config sinkConfig) {
    Config block = sinkConfig.has("format") ? sinkConfig.object("format") : null;
    String type = block == null || block.type().isEmpty() ? "json" : block.type();
    List<String> writable = new ArrayList<>();
    for (FormatFactory factory : ServiceLoader.load(FormatFactory.class)) {
      if (!factory.type().equals(type)) {
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>(block == null ? Map.of() : block.asMap());
      values.remove("type");
      Format format = factory.create(new MapConfig(type, "format", factory.spec(), values));
      if (format instanceof EncodingFormat ef) return ef;
      throw sinkConfig.error("format", "expected a format that can be written (json, ndjson, csv), found '" + type
          + "', which logpro can read but not write");
    }
    for (FormatFactory factory : ServiceLoader.load(FormatFactory.class)) writable.add(factory.type());
    throw sinkConfig.error("format", "expected a format that can be written, found '" + type + "', which is not on the classpath"
        + (writable.isEmpty() ? " (no formats are: add logpro-formats)" : " (available: " + String.join(", ", writable) + ")"));
  }

  /** Text formats end a record with a newline; a Kafka message is the record alone. */
  static boolean stripsNewline(Config sinkConfig) {
    String type = sinkConfig.has("format") ? sinkConfig.object("format").type() : "json";
    return type.isEmpty() || type.equals("json") || type.equals("ndjson") || type.equals("csv");
  }
}
