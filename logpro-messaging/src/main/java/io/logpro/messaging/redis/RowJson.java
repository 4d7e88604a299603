package io.logpro.messaging.redis;

import io.logpro.api.config.MapConfig;
import io.logpro.api.format.Encoder;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A row as one JSON object, with the {@code json} format of logpro-formats found through
 * {@link ServiceLoader} so that this module depends on the SPI only (as logpro-kafka's SinkFormats).
 */
final class RowJson {
  private final EncodingFormat format;
  private Encoder encoder;
  private Schema encoderSchema;

  RowJson(EncodingFormat format) {
    this.format = format;
  }

  /** The json format, or a clear error when logpro-formats is not on the classpath. */
  static EncodingFormat jsonFormat() {
    for (FormatFactory factory : ServiceLoader.load(FormatFactory.class)) {
      if (!factory.type().equals("json")) continue;
      Format f = factory.create(new MapConfig("json", "format", factory.spec(), Map.of()));
      if (f instanceof EncodingFormat ef) return ef;
    }
    throw new IllegalStateException("the redis sink sends whole rows as JSON (no value/message template) and needs the json"
        + " format of logpro-formats on the classpath for it; add the logpro-formats jar");
  }

  /** Row {@code row} of {@code root} as UTF-8 JSON, without the newline the NDJSON encoder ends it with. */
  byte[] row(VectorSchemaRoot root, int row) throws IOException {
    Schema schema = root.getSchema();
    if (encoder == null || !schema.equals(encoderSchema)) {
      encoder = format.newEncoder(schema);
      encoderSchema = schema;
    }
    byte[] line = encoder.encodeRow(root, row);
    int n = line.length;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    return n == line.length ? line : Arrays.copyOf(line, n);
  }
}
