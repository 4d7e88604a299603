package io.logpro.http;

import io.logpro.api.config.MapConfig;
import io.logpro.api.format.Encoder;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Format;
import io.logpro.api.format.FormatFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Renders rows as request bodies with the {@code json} format of logpro-formats, found through
 * {@link ServiceLoader} so that this module depends on the SPI only (as logpro-kafka's SinkFormats).
 * The encoder writes NDJSON; a JSON array is the same lines joined by commas inside brackets.
 */
final class JsonRows {
  private final EncodingFormat format;
  private final BodyFormat body;
  private Encoder encoder;
  private Schema encoderSchema;

  JsonRows(EncodingFormat format, BodyFormat body) {
    this.format = format;
    this.body = body;
  }

  /** The json format, or a clear error when logpro-formats is not on the classpath. */
  static EncodingFormat jsonFormat() {
    for (FormatFactory factory : ServiceLoader.load(FormatFactory.class)) {
      if (!factory.type().equals("json")) continue;
      Format f = factory.create(new MapConfig("json", "format", factory.spec(), Map.of()));
      if (f instanceof EncodingFormat ef) return ef;
    }
    throw new IllegalStateException("the http sink needs the json format of logpro-formats on the classpath to render rows;"
        + " add the logpro-formats jar");
  }

  /** The body of rows {@code [from, to)} of {@code root}. */
  byte[] body(VectorSchemaRoot root, int from, int to) throws IOException {
    Schema schema = root.getSchema();
    if (encoder == null || !schema.equals(encoderSchema)) {
      encoder = format.newEncoder(schema);
      encoderSchema = schema;
    }
    Out out = new Out(Math.max(256, (to - from) * 128));
    if (body == BodyFormat.JSON_ARRAY) out.write('[');
    encoder.encode(root, from, to, out);
    if (body == BodyFormat.JSON_ARRAY) out.toArray();
    return out.toByteArray();
  }

  /** A byte buffer that can turn the NDJSON it holds into a JSON array in place. */
  private static final class Out extends ByteArrayOutputStream {
    Out(int size) {
      super(size);
    }

    /**
     * Replaces each line end by a comma and the last by ']'. Safe on JSON text: a newline
     * inside a string is always escaped, so every raw newline byte ends a record.
     */
    void toArray() {
      int last = count - 1;
      for (int i = 1; i < count; i++) { // byte 0 is the '['
        if (buf[i] == '\n') buf[i] = ',';
      }
      if (last >= 1 && buf[last] == ',') buf[last] = ']';
      else write(']'); // no rows: "[" becomes "[]"
    }
  }
}
