package io.logpro.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.logpro.formats.ArrowTypes;
import io.logpro.formats.TextColumn;
import io.logpro.formats.TextParsers;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Writes the JSON value at the parser's current token into one Arrow vector at an index,
 * straight from the streaming parser. One writer per schema field, nested like the schema.
 * {@link #write} returns null on success or the reason the value does not fit.
 */
abstract class JsonColumn {
  final String name;

  JsonColumn(String name) {
    this.name = name;
  }

  /** Writes the value starting at token {@code t}; leaves the parser on the value's last token. */
  abstract String write(JsonParser p, JsonToken t, int idx) throws IOException;

  abstract void writeNull(int idx);

  static JsonColumn of(FieldVector v, String path, TextParsers parsers, JsonFactory factory) {
    return switch (v) {
      case StructVector s -> new StructColumn(path, s, parsers, factory);
      case ListVector l -> new ListColumn(path, l, parsers, factory);
      case VarCharVector s -> new StringColumn(path, s, factory);
      case BigIntVector i -> new ScalarColumn(path, v, parsers) {
        @Override
        String number(JsonParser p, JsonToken t, int idx) throws IOException {
          if (t != JsonToken.VALUE_NUMBER_INT) return notA(p);
          i.setSafe(idx, p.getLongValue());
          return null;
        }
      };
      case IntVector i -> new ScalarColumn(path, v, parsers) {
        @Override
        String number(JsonParser p, JsonToken t, int idx) throws IOException {
          if (t != JsonToken.VALUE_NUMBER_INT) return notA(p);
          i.setSafe(idx, p.getIntValue());
          return null;
        }
      };
      case Float8Vector f -> new ScalarColumn(path, v, parsers) {
        @Override
        String number(JsonParser p, JsonToken t, int idx) throws IOException {
          f.setSafe(idx, p.getDoubleValue());
          return null;
        }
      };
      case Float4Vector f -> new ScalarColumn(path, v, parsers) {
        @Override
        String number(JsonParser p, JsonToken t, int idx) throws IOException {
          f.setSafe(idx, p.getFloatValue());
          return null;
        }
      };
      case DecimalVector d -> new ScalarColumn(path, v, parsers) {
        @Override
        String number(JsonParser p, JsonToken t, int idx) throws IOException {
          try {
            BigDecimal x = p.getDecimalValue().setScale(d.getScale(), RoundingMode.UNNECESSARY);
            if (x.precision() > d.getPrecision()) return notA(p);
            d.setSafe(idx, x);
            return null;
          } catch (ArithmeticException e) {
            return notA(p);
          }
        }
      };
      case BitVector b -> new ScalarColumn(path, v, parsers) {
        @Override
        String bool(JsonParser p, boolean value, int idx) {
          b.setSafe(idx, value ? 1 : 0);
          return null;
        }
      };
      default -> new ScalarColumn(path, v, parsers);
    };
  }

  /** A scalar: numbers and booleans by token, strings through the text parsers (timestamps, dates...). */
  static class ScalarColumn extends JsonColumn {
    final FieldVector vector;
    final TextColumn text;

    ScalarColumn(String name, FieldVector vector, TextParsers parsers) {
      super(name);
      this.vector = vector;
      this.text = TextColumn.forVector(vector, parsers, true);
      if (text == null) throw new IllegalArgumentException("column " + name + ": unsupported type " + vector.getField().getType());
    }

    String number(JsonParser p, JsonToken t, int idx) throws IOException {
      return notA(p);
    }

    String bool(JsonParser p, boolean value, int idx) throws IOException {
      return notA(p);
    }

    String notA(JsonParser p) throws IOException {
      String v = p.currentToken().isStructStart() ? p.currentToken().asString() + "..." : p.getText();
      if (v.length() > 100) v = v.substring(0, 100) + "...";
      return "field " + name + ": " + (p.currentToken() == JsonToken.VALUE_STRING ? "'" + v + "'" : v)
          + " is not a " + ArrowTypes.toString(vector.getField().getType());
    }

    @Override
    String write(JsonParser p, JsonToken t, int idx) throws IOException {
      switch (t) {
        case VALUE_NULL:
          writeNull(idx);
          return null;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          try {
            return number(p, t, idx);
          } catch (InputCoercionException e) {
            return notA(p);
          }
        case VALUE_TRUE:
          return bool(p, true, idx);
        case VALUE_FALSE:
          return bool(p, false, idx);
        case VALUE_STRING:
          byte[] b = p.getText().getBytes(StandardCharsets.UTF_8);
          return text.write(idx, b, 0, b.length) ? null : notA(p);
        default:
          String r = notA(p);
          p.skipChildren();
          return r;
      }
    }

    @Override
    void writeNull(int idx) {
      text.writeNull(idx);
    }
  }

  /** Strings take any value: scalars as their text, objects and arrays as their JSON. */
  static final class StringColumn extends JsonColumn {
    private static final byte[] EMPTY = new byte[0];
    final VarCharVector vector;
    private final JsonFactory factory;
    private final ByteArrayBuilder raw = new ByteArrayBuilder(256);

    StringColumn(String name, VarCharVector vector, JsonFactory factory) {
      super(name);
      this.vector = vector;
      this.factory = factory;
    }

    @Override
    String write(JsonParser p, JsonToken t, int idx) throws IOException {
      if (t == JsonToken.VALUE_NULL) {
        writeNull(idx);
        return null;
      }
      if (t.isStructStart()) {
        raw.reset();
        try (JsonGenerator g = factory.createGenerator(raw)) {
          g.copyCurrentStructure(p);
        }
        byte[] b = raw.toByteArray();
        vector.setSafe(idx, b, 0, b.length);
        return null;
      }
      byte[] b = p.getText().getBytes(StandardCharsets.UTF_8);
      vector.setSafe(idx, b, 0, b.length);
      return null;
    }

    @Override
    void writeNull(int idx) {
      vector.setSafe(idx, EMPTY, 0, 0);
      vector.setNull(idx);
    }
  }

  static final class StructColumn extends JsonColumn {
    private final StructVector vector;
    private final JsonColumn[] children;
    private final KeyIndex keys;
    private final boolean[] seen;

    StructColumn(String name, StructVector vector, TextParsers parsers, JsonFactory factory) {
      super(name);
      this.vector = vector;
      List<FieldVector> kids = vector.getChildrenFromFields();
      children = new JsonColumn[kids.size()];
      for (int i = 0; i < children.length; i++) {
        FieldVector k = kids.get(i);
        children[i] = of(k, name + "." + k.getName(), parsers, factory);
      }
      keys = new KeyIndex(kids.stream().map(FieldVector::getName).toList());
      seen = new boolean[children.length];
    }

    @Override
    String write(JsonParser p, JsonToken t, int idx) throws IOException {
      if (t == JsonToken.VALUE_NULL) {
        writeNull(idx);
        return null;
      }
      if (t != JsonToken.START_OBJECT) {
        String r = "field " + name + ": expected an object, found " + describe(p, t);
        p.skipChildren();
        return r;
      }
      vector.setIndexDefined(idx);
      String err = JsonColumn.writeObject(p, idx, children, keys, seen);
      return err;
    }

    @Override
    void writeNull(int idx) {
      vector.setNull(idx);
      for (JsonColumn c : children) c.writeNull(idx);
    }
  }

  /**
   * Finds the column of a key. Records usually repeat their key order and Jackson interns key
   * names, so an identity check against the key seen at the same place last time skips hashing.
   */
  static final class KeyIndex {
    private final Map<String, Integer> index = new HashMap<>();
    private final String[] order;
    private final int[] slots;

    KeyIndex(List<String> names) {
      for (int i = 0; i < names.size(); i++) index.putIfAbsent(names.get(i), i);
      order = new String[names.size()];
      slots = new int[names.size()];
    }

    /** The column of the {@code k}-th key of a record, or -1 when it is not in the schema. */
    int find(String name, int k) {
      if (k < order.length) {
        if (order[k] == name) return slots[k];
        Integer c = index.get(name);
        order[k] = name;
        slots[k] = c == null ? -1 : c;
        return slots[k];
      }
      Integer c = index.get(name);
      return c == null ? -1 : c;
    }
  }

  /** Reads the fields of an object (parser on START_OBJECT) into {@code children} at {@code idx}. */
  static String writeObject(JsonParser p, int idx, JsonColumn[] children, KeyIndex keys, boolean[] seen) throws IOException {
    java.util.Arrays.fill(seen, false);
    String err = null;
    JsonToken t;
    int k = 0;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      int c = keys.find(p.currentName(), k++);
      JsonToken v = p.nextToken();
      if (c < 0 || err != null) {
        p.skipChildren(); // keys outside the schema are ignored; after an error, only check the JSON
        continue;
      }
      seen[c] = true;
      err = children[c].write(p, v, idx);
    }
    if (t != JsonToken.END_OBJECT) throw new IllegalStateException("unexpected token " + t);
    if (err != null) return err;
    for (int i = 0; i < children.length; i++) if (!seen[i]) children[i].writeNull(idx);
    return null;
  }

  static String describe(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(t);
    };
  }

  static final class ListColumn extends JsonColumn {
    private final ListVector vector;
    private final JsonColumn element;

    ListColumn(String name, ListVector vector, TextParsers parsers, JsonFactory factory) {
      super(name);
      this.vector = vector;
      this.element = of((FieldVector) vector.getDataVector(), name + "[]", parsers, factory);
    }

    @Override
    String write(JsonParser p, JsonToken t, int idx) throws IOException {
      if (t == JsonToken.VALUE_NULL) {
        writeNull(idx);
        return null;
      }
      if (t != JsonToken.START_ARRAY) {
        String r = "field " + name + ": expected an array, found " + describe(p, t);
        p.skipChildren();
        return r;
      }
      int start = vector.startNewValue(idx);
      int n = 0;
      String err = null;
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
        if (e == null) throw new IllegalStateException("unexpected end of input");
        if (err != null) {
          p.skipChildren();
          continue;
        }
        err = element.write(p, e, start + n);
        n++;
      }
      vector.endValue(idx, n);
      return err;
    }

    @Override
    void writeNull(int idx) {
      vector.startNewValue(idx);
      vector.endValue(idx, 0);
      vector.setNull(idx);
    }
  }
}
