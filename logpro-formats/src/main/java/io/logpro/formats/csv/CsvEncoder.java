package io.logpro.formats.csv;

import io.logpro.api.format.Encoder;
import io.logpro.api.ValueText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows as RFC 4180 lines (LF): fields holding the delimiter, a quote or a line break are
 * quoted; nulls are written as the first null value (empty by default). Timestamps are ISO-8601.
 * The header line is written by {@link #writeHeader}, as the encoder sees rows, not files.
 */
public final class CsvEncoder implements Encoder {
  private final Schema schema;
  private final char delimiter;
  private final char quote;
  private final String nullText;

  CsvEncoder(Schema schema, CsvOptions options) {
    this.schema = schema;
    this.delimiter = (char) options.delimiter();
    this.quote = (char) options.quote();
    this.nullText = options.nullValues().length == 0 ? "" : new String(options.nullValues()[0], StandardCharsets.UTF_8);
  }

  /** Writes the column names as a header line. */
  public void writeHeader(OutputStream out) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < schema.getFields().size(); i++) {
      if (i > 0) sb.append(delimiter);
      append(sb, schema.getFields().get(i).getName());
    }
    sb.append('\n');
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void encode(VectorSchemaRoot root, int from, int to, OutputStream out) throws IOException {
    List<FieldVector> vectors = root.getFieldVectors();
    StringBuilder sb = new StringBuilder(128);
    for (int r = from; r < to; r++) {
      sb.setLength(0);
      for (int c = 0; c < vectors.size(); c++) {
        if (c > 0) sb.append(delimiter);
        String v = ValueText.of(vectors.get(c), r);
        if (v == null) sb.append(nullText);
        else append(sb, v);
      }
      sb.append('\n');
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void append(StringBuilder sb, String v) {
    boolean needs = v.equals(nullText); // quoted, so it does not read back as null
    for (int i = 0; i < v.length() && !needs; i++) {
      char ch = v.charAt(i);
      needs = ch == delimiter || ch == quote || ch == '\n' || ch == '\r';
    }
    if (!needs) {
      sb.append(v);
      return;
    }
    sb.append(quote);
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == quote) sb.append(quote);
      sb.append(ch);
    }
    sb.append(quote);
  }
}
