package io.logpro.cdc;

import io.logpro.api.Position;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/** Reads a source's chunks into plain rows (closing every chunk) for assertions. */
final class Rows {
  private Rows() {}

  /** One row: column name to value (Text as String, lists as lists), its position and its chunk's schema. */
  record Row(Map<String, Object> values, Position position, Schema schema) {
    Object get(String column) {
      return values.get(column);
    }

    String op() {
      return (String) values.get("_op");
    }
  }

  /** Reads until {@code n} rows have come, failing after {@code timeout}. */
  static List<Row> read(Source source, int n, Duration timeout) throws Exception {
    List<Row> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (out.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " rows within " + timeout + ", got " + out.size() + ": " + out);
      }
      SourceChunk chunk = source.read(n - out.size(), Duration.ofMillis(200));
      if (chunk instanceof SourceChunk.Columnar c) {
        out.addAll(rows(c));
      } else if (chunk instanceof SourceChunk.End) {
        throw new AssertionError("source ended after " + out.size() + " of " + n + " rows");
      }
    }
    return out;
  }

  /** Reads for {@code quiet} and returns whatever came (used to show that nothing more comes). */
  static List<Row> readFor(Source source, Duration quiet) throws Exception {
    List<Row> out = new ArrayList<>();
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      SourceChunk chunk = source.read(1000, Duration.ofMillis(200));
      if (chunk instanceof SourceChunk.Columnar c) out.addAll(rows(c));
      if (chunk instanceof SourceChunk.End) break;
    }
    return out;
  }

  static List<Row> rows(SourceChunk.Columnar c) {
    try (VectorSchemaRoot root = c.root()) {
      if (c.rowPositions().length != root.getRowCount()) {
        throw new AssertionError("positions " + c.rowPositions().length + " for " + root.getRowCount() + " rows");
      }
      List<Row> out = new ArrayList<>();
      for (int i = 0; i < root.getRowCount(); i++) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldVector v : root.getFieldVectors()) values.put(v.getName(), plain(v.getObject(i)));
        out.add(new Row(values, c.rowPositions()[i], root.getSchema()));
      }
      return out;
    }
  }

  static Object plain(Object o) {
    if (o instanceof Text t) return t.toString();
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object e : l) out.add(plain(e));
      return out;
    }
    return o;
  }
}
