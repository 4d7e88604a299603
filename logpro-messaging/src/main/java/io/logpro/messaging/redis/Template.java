package io.logpro.messaging.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A text with {@code {column}} placeholders, filled per row: {@code trip:{vendor_id}:{trip_id}}.
 * {@code {{} and {@code }}} stand for literal braces; a null value renders as nothing. Parsed
 * once when the sink is configured. Hand-written (a few lines) rather than a template engine:
 * the syntax is one placeholder form, and rendering runs per row on the hot path.
 */
public final class Template {

  /** A piece of a template. */
  public sealed interface Part {}

  /** Text copied as it is (braces already unescaped). */
  public record Literal(String text) implements Part {}

  /** The value of a column. */
  public record Column(String name) implements Part {}

  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the character where the template goes wrong
   */
  public static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < n && text.charAt(i + 1) == '{') {
        literal.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < n && text.charAt(i + 1) == '}') {
        literal.append('}');
        i += 2;
      } else if (c == '{') {
        int close = text.indexOf('}', i + 1);
        int open = text.indexOf('{', i + 1);
        if (close < 0) throw new IllegalArgumentException("'{' at character " + (i + 1) + " is never closed (write {{ for a literal {)");
        if (open >= 0 && open < close) {
          throw new IllegalArgumentException("'{' at character " + (open + 1) + " is inside a placeholder (write {{ for a literal {)");
        }
        String name = text.substring(i + 1, close);
        if (name.isEmpty()) throw new IllegalArgumentException("empty placeholder {} at character " + (i + 1) + " (expected {column})");
        if (!literal.isEmpty()) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(new Column(name));
        i = close + 1;
      } else if (c == '}') {
        throw new IllegalArgumentException("'}' at character " + (i + 1) + " closes no placeholder (write }} for a literal })");
      } else {
        literal.append(c);
        i++;
      }
    }
    if (!literal.isEmpty()) parts.add(new Literal(literal.toString()));
    return new Template(text, parts);
  }

  public List<Part> parts() {
    return parts;
  }

  /** The columns it names, each once, in order of first use. */
  public List<String> columns() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Part p : parts) if (p instanceof Column c) names.add(c.name());
    return List.copyOf(names);
  }

  /** The template filled with {@code valueOf(column)} (null renders as nothing). */
  public String render(Function<String, String> valueOf) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Literal l -> sb.append(l.text());
        case Column c -> {
          String v = valueOf.apply(c.name());
          if (v != null) sb.append(v);
        }
      }
    }
    return sb.toString();
  }

  /**
   * The template bound to the columns of {@code root}.
   *
   * @throws IllegalArgumentException naming the first column the rows do not have, and the columns they do
   */
  public Bound bind(VectorSchemaRoot root, String what) {
    FieldVector[] vectors = new FieldVector[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof Column c) {
        vectors[i] = root.getVector(c.name());
        if (vectors[i] == null) {
          throw new IllegalArgumentException("the " + what + " template '" + source + "' names column '" + c.name()
              + "', which is not in the rows (columns: " + String.join(", ",
              root.getSchema().getFields().stream().map(f -> f.getName()).toList()) + ")");
        }
      }
    }
    return new Bound(vectors);
  }

  /** A template whose placeholders point at vectors: renders row after row without lookups. */
  public final class Bound {
    private final FieldVector[] vectors;
    private final StringBuilder sb = new StringBuilder();

    private Bound(FieldVector[] vectors) {
      this.vectors = vectors;
    }

    public String render(int row) {
      sb.setLength(0);
      for (int i = 0; i < vectors.length; i++) {
        if (vectors[i] == null) {
          sb.append(((Literal) parts.get(i)).text());
        } else {
          String v = io.logpro.api.ValueText.of(vectors[i], row);
          if (v != null) sb.append(v);
        }
      }
      return sb.toString();
    }
  }

  /** The template text as written. */
  @Override
  public String toString() {
    return source;
  }
}
