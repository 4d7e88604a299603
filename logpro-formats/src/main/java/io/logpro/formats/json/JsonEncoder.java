package io.logpro.formats.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logpro.api.format.Encoder;
import io.logpro.api.ValueText;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/** Writes rows as NDJSON lines: structs as objects, lists as arrays, timestamps ISO-8601, binary base64. */
final class JsonEncoder implements Encoder {

  @Override
  public void encode(VectorSchemaRoot root, int from, int to, OutputStream out) throws IOException {
    List<FieldVector> vectors = root.getFieldVectors();
    try (JsonGenerator g = JsonDecoder.FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(null);
      for (int r = from; r < to; r++) {
        g.writeStartObject();
        for (FieldVector v : vectors) {
          g.writeFieldName(v.getName());
          value(g, v, r);
        }
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }

  private static void value(JsonGenerator g, FieldVector v, int i) throws IOException {
    if (v.isNull(i)) {
      g.writeNull();
      return;
    }
    switch (v) {
      case StructVector s -> {
        g.writeStartObject();
        for (FieldVector c : s.getChildrenFromFields()) {
          g.writeFieldName(c.getName());
          value(g, c, i);
        }
        g.writeEndObject();
      }
      case ListVector l -> { // MapVector is a ListVector of key/value structs
        FieldVector data = (FieldVector) l.getDataVector();
        int s = l.getElementStartIndex(i);
        int e = l.getElementEndIndex(i);
        g.writeStartArray();
        for (int k = s; k < e; k++) value(g, data, k);
        g.writeEndArray();
      }
      case BaseIntVector n -> g.writeNumber(n.getValueAsLong(i));
      case Float8Vector f -> g.writeNumber(f.get(i));
      case Float4Vector f -> g.writeNumber(f.get(i));
      case BitVector b -> g.writeBoolean(b.get(i) != 0);
      case DecimalVector d -> g.writeNumber(d.getObject(i));
      case VarCharVector s -> {
        byte[] b = s.get(i);
        g.writeUTF8String(b, 0, b.length);
      }
      default -> g.writeString(ValueText.of(v, i));
    }
  }

  static boolean isMap(FieldVector v) {
    return v instanceof MapVector;
  }
}
