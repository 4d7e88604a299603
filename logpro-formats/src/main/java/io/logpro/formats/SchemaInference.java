package io.logpro.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Infers column types from sampled values with the widening lattice
 * int64 -> float64 -> bool -> timestamp -> string: each value is classified as the first of
 * these it parses as; a column takes the widest type seen. Ints mixed with floats become
 * float64; any other conflict becomes string; a column that was only ever null becomes string.
 * Nested values (JSON) are inferred as trees: objects become structs (the union of their keys),
 * arrays become lists of the join of their elements.
 */
public final class SchemaInference {

  /** Scalar kinds, in lattice order. */
  public enum Kind { NULL, INT64, FLOAT64, BOOL, TIMESTAMP, TIMESTAMPTZ, STRING }

  /** An inferred type: a scalar, a struct or a list. */
  public sealed interface Node permits Scalar, Struct, ListOf {}

  public record Scalar(Kind kind) implements Node {}

  /** @param fields in first-seen order; mutable while inferring */
  public record Struct(Map<String, Node> fields) implements Node {}

  public record ListOf(Node element) implements Node {}

  public static final Scalar NULL = new Scalar(Kind.NULL);
  public static final Scalar STRING = new Scalar(Kind.STRING);

  private SchemaInference() {}

  public static Kind join(Kind a, Kind b) {
    if (a == b || b == Kind.NULL) return a;
    if (a == Kind.NULL) return b;
    if ((a == Kind.INT64 && b == Kind.FLOAT64) || (a == Kind.FLOAT64 && b == Kind.INT64)) return Kind.FLOAT64;
    return Kind.STRING;
  }

  /** The kind of one text value (already known not to be a null marker). */
  public static Kind classify(TextParsers p, byte[] b, int s, int e) {
    p.parseLong(b, s, e);
    if (p.ok) return Kind.INT64;
    p.parseDouble(b, s, e);
    if (p.ok) return Kind.FLOAT64;
    p.parseBool(b, s, e);
    if (p.ok) return Kind.BOOL;
    p.parseTimestamp(b, s, e);
    if (p.ok) return p.hadOffset ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP;
    return Kind.STRING;
  }

  public static Node join(Node a, Node b) {
    if (a instanceof Scalar sa && sa.kind() == Kind.NULL) return b;
    if (b instanceof Scalar sb && sb.kind() == Kind.NULL) return a;
    if (a instanceof Scalar sa && b instanceof Scalar sb) {
      Kind k = join(sa.kind(), sb.kind());
      return k == sa.kind() ? a : new Scalar(k);
    }
    if (a instanceof Struct sa && b instanceof Struct sb) {
      Map<String, Node> merged = sa.fields();
      for (var e : sb.fields().entrySet()) merged.merge(e.getKey(), e.getValue(), SchemaInference::join);
      return sa;
    }
    if (a instanceof ListOf la && b instanceof ListOf lb) return new ListOf(join(la.element(), lb.element()));
    return STRING;
  }

  public static ArrowType arrowType(Kind k) {
    return switch (k) {
      case INT64 -> ArrowTypes.INT64;
      case FLOAT64 -> ArrowTypes.FLOAT64;
      case BOOL -> ArrowTypes.BOOL;
      case TIMESTAMP -> ArrowTypes.TIMESTAMP;
      case TIMESTAMPTZ -> ArrowTypes.TIMESTAMPTZ;
      case NULL, STRING -> ArrowTypes.STRING;
    };
  }

  /** A nullable Arrow field of an inferred type. */
  public static Field toField(String name, Node node) {
    return switch (node) {
      case Scalar s -> Field.nullable(name, arrowType(s.kind()));
      case ListOf l -> new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(toField("element", l.element())));
      case Struct st -> {
        List<Field> children = new ArrayList<>();
        st.fields().forEach((k, v) -> children.add(toField(k, v)));
        yield new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
      }
    };
  }

  /** A fresh mutable struct node. */
  public static Struct newStruct() {
    return new Struct(new LinkedHashMap<>());
  }
}
