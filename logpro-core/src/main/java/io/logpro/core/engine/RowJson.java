package io.logpro.core.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * One row of a batch as a JSON object: the "raw" bytes of a dead letter whose source delivered
 * columns (CDC, Parquet), so that the row can be read and replayed. Only used for rejected rows,
 * so it goes through {@code getObject} rather than per-type fast paths.
 */
final class RowJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RowJson() {}

  static byte[] render(VectorSchemaRoot root, int row) {
    var out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (FieldVector v : root.getFieldVectors()) {
        g.writeFieldName(v.getName());
        value(g, v.isNull(row) ? null : v.getObject(row));
      }
      g.writeEndObject();
    } catch (IOException | RuntimeException e) {
      return ("{\"_unrenderable\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return out.toByteArray();
  }

  private static void value(JsonGenerator g, Object o) throws IOException {
    switch (o) {
      case null -> g.writeNull();
      case Text t -> g.writeString(t.toString());
      case CharSequence s -> g.writeString(s.toString());
      case Boolean b -> g.writeBoolean(b);
      case Long l -> g.writeNumber(l);
      case Integer i -> g.writeNumber(i);
      case Short s -> g.writeNumber(s);
      case Byte b -> g.writeNumber(b);
      case Double d -> {
        if (d.isNaN() || d.isInfinite()) g.writeString(d.toString());
        else g.writeNumber(d);
      }
      case Float f -> value(g, f.doubleValue());
      case java.math.BigDecimal d -> g.writeNumber(d);
      case LocalDateTime t -> g.writeString(t.atOffset(ZoneOffset.UTC).toInstant().toString());
      case byte[] b -> g.writeString(Base64.getEncoder().encodeToString(b));
      case List<?> list -> {
        g.writeStartArray();
        for (Object e : list) value(g, e);
        g.writeEndArray();
      }
      case Map<?, ?> map -> {
        g.writeStartObject();
        for (var e : map.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          value(g, e.getValue());
        }
        g.writeEndObject();
      }
      default -> g.writeString(o.toString());
    }
  }
}
