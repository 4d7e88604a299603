package io.logpro.iceberg.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Builds the {@code _rescued_data} column: per row, a JSON object of the non-null values of the
 * columns that did not fit the table ({"tip_code": 7, "fare_amount": "12.5"}), or null when the
 * row has none. Written here with Jackson rather than with logpro-formats' JSON encoder, which
 * this module does not depend on and which writes every column, nulls included.
 *
 * <p>Values: numbers and booleans as JSON, decimals exact, strings as strings, binary base64,
 * dates/times/timestamps ISO-8601 (with zone: UTC instant), structs as objects, lists as arrays,
 * maps as objects when their keys are strings and as [{"key":..,"value":..}] otherwise.
 */
public final class RescuedJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RescuedJson() {}

  /** A new utf8 vector named {@code name}, one JSON object (or null) per row of {@code vectors}. */
  public static VarCharVector column(String name, List<FieldVector> vectors, int rows, BufferAllocator allocator) {
    VarCharVector out = new VarCharVector(name, allocator);
    try {
      out.allocateNew(rows);
      ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
      for (int r = 0; r < rows; r++) {
        buf.reset();
        if (row(vectors, r, buf)) out.setSafe(r, buf.toByteArray());
        else out.setNull(r);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Writes row {@code r}'s non-null values of {@code vectors} as one object; false when all are null. */
  static boolean row(List<FieldVector> vectors, int r, ByteArrayOutputStream out) {
    boolean any = false;
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (FieldVector v : vectors) {
        if (v.isNull(r)) continue;
        any = true;
        g.writeFieldName(v.getName());
        value(g, v, r);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return any;
  }

  private static void value(JsonGenerator g, ValueVector v, int i) throws IOException {
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
      case MapVector m -> map(g, m, i);
      case ListVector l -> array(g, l.getDataVector(), l.getElementStartIndex(i), l.getElementEndIndex(i));
      case LargeListVector l -> array(g, l.getDataVector(), (int) l.getElementStartIndex(i), (int) l.getElementEndIndex(i));
      case BaseListVector l -> g.writeString(String.valueOf(v.getObject(i)));
      case BitVector b -> g.writeBoolean(b.get(i) != 0);
      case Float4Vector f -> number(g, f.get(i));
      case Float8Vector f -> number(g, f.get(i));
      case DecimalVector d -> g.writeNumber(d.getObject(i));
      case Decimal256Vector d -> g.writeNumber(d.getObject(i));
      case DateDayVector d -> g.writeString(LocalDate.ofEpochDay(d.get(i)).toString());
      case DateMilliVector d -> g.writeString(LocalDate.ofEpochDay(Math.floorDiv(d.get(i), 86_400_000L)).toString());
      case TimeStampVector t -> g.writeString(timestamp(t, i));
      case TimeSecVector t -> g.writeString(LocalTime.ofSecondOfDay(t.get(i)).toString());
      case TimeMilliVector t -> g.writeString(LocalTime.ofNanoOfDay(t.get(i) * 1_000_000L).toString());
      case TimeMicroVector t -> g.writeString(LocalTime.ofNanoOfDay(t.get(i) * 1000L).toString());
      case TimeNanoVector t -> g.writeString(LocalTime.ofNanoOfDay(t.get(i)).toString());
      case BaseIntVector n -> g.writeNumber(n.getValueAsLong(i));
      case VarCharVector s -> {
        byte[] b = s.get(i);
        g.writeUTF8String(b, 0, b.length);
      }
      case LargeVarCharVector s -> {
        byte[] b = s.get(i);
        g.writeUTF8String(b, 0, b.length);
      }
      case VarBinaryVector b -> g.writeString(Base64.getEncoder().encodeToString(b.get(i)));
      case LargeVarBinaryVector b -> g.writeString(Base64.getEncoder().encodeToString(b.get(i)));
      case FixedSizeBinaryVector b -> g.writeString(Base64.getEncoder().encodeToString(b.get(i)));
      default -> g.writeString(String.valueOf(v.getObject(i)));
    }
  }

  private static void number(JsonGenerator g, double d) throws IOException {
    if (Double.isFinite(d)) g.writeNumber(d);
    else g.writeString(Double.toString(d)); // JSON has no NaN or Infinity
  }

  private static void array(JsonGenerator g, ValueVector data, int start, int end) throws IOException {
    g.writeStartArray();
    for (int k = start; k < end; k++) value(g, data, k);
    g.writeEndArray();
  }

  private static void map(JsonGenerator g, MapVector m, int i) throws IOException {
    StructVector entries = (StructVector) m.getDataVector();
    FieldVector key = (FieldVector) entries.getChildByOrdinal(0);
    FieldVector val = (FieldVector) entries.getChildByOrdinal(1);
    int start = m.getElementStartIndex(i);
    int end = m.getElementEndIndex(i);
    boolean stringKeys = key instanceof VarCharVector || key instanceof LargeVarCharVector;
    if (stringKeys) g.writeStartObject();
    else g.writeStartArray();
    for (int k = start; k < end; k++) {
      if (stringKeys) {
        g.writeFieldName(String.valueOf(key.getObject(k)));
        value(g, val, k);
      } else {
        g.writeStartObject();
        g.writeFieldName("key");
        value(g, key, k);
        g.writeFieldName("value");
        value(g, val, k);
        g.writeEndObject();
      }
    }
    if (stringKeys) g.writeEndObject();
    else g.writeEndArray();
  }

  private static String timestamp(TimeStampVector t, int i) {
    ArrowType.Timestamp type = (ArrowType.Timestamp) t.getField().getType();
    long raw = t.getDataBuffer().getLong(i * 8L);
    long seconds;
    long nanos;
    switch (type.getUnit()) {
      case SECOND -> {
        seconds = raw;
        nanos = 0;
      }
      case MILLISECOND -> {
        seconds = Math.floorDiv(raw, 1000L);
        nanos = Math.floorMod(raw, 1000L) * 1_000_000L;
      }
      case MICROSECOND -> {
        seconds = Math.floorDiv(raw, 1_000_000L);
        nanos = Math.floorMod(raw, 1_000_000L) * 1000L;
      }
      default -> {
        seconds = Math.floorDiv(raw, 1_000_000_000L);
        nanos = Math.floorMod(raw, 1_000_000_000L);
      }
    }
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    String zone = type.getTimezone();
    return zone == null || zone.isEmpty() ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString() : instant.toString();
  }
}
