package io.logpro.formats.csv;

import io.logpro.api.RawMessage;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.formats.ArrowTypes;
import io.logpro.formats.SchemaInference;
import io.logpro.formats.SchemaInference.Kind;
import io.logpro.formats.TextColumn;
import io.logpro.formats.TextParsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes CSV records straight into Arrow vectors: each record is split in place and each field
 * parsed from its bytes into its column. Columns are matched to the schema by header name (or by
 * position without a header). A record with the wrong field count or a value that does not fit
 * its column is rejected with a reason naming the line, column and value.
 */
final class CsvDecoder implements Decoder {
  private final CsvOptions options;
  private final CsvSyntax syntax;
  private final TextParsers parsers;
  private Schema schema;
  /** For each header seen, file column index -> schema column index (-1: not in schema). */
  private final Map<List<String>, int[]> mappings = new IdentityHashMap<>();
  private int[] positional;
  private byte[] scratch = new byte[256];

  CsvDecoder(CsvOptions options) {
    this.options = options;
    this.syntax = new CsvSyntax(options.delimiter(), options.quote());
    this.parsers = new TextParsers(options.timestampFormat());
    this.schema = options.schema();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public DecodeResult decode(List<RawMessage> messages, BufferAllocator allocator) {
    if (schema == null) {
      if (messages.isEmpty()) return new DecodeResult(VectorSchemaRoot.create(new Schema(List.of()), allocator), new int[0], List.of());
      schema = infer(messages);
    }
    int count = messages.size();
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      List<FieldVector> vectors = root.getFieldVectors();
      int ncols = vectors.size();
      TextColumn[] columns = new TextColumn[ncols];
      for (int c = 0; c < ncols; c++) {
        FieldVector v = vectors.get(c);
        v.setInitialCapacity(Math.max(count, 1));
        v.allocateNew();
        columns[c] = TextColumn.forVector(v, parsers, false);
      }
      boolean[] written = new boolean[ncols];
      boolean[] isString = new boolean[ncols];
      for (int c = 0; c < ncols; c++) isString[c] = schema.getFields().get(c).getType() instanceof ArrowType.Utf8;
      int[] rowToMessage = new int[count];
      List<DecodeResult.Rejected> rejects = new ArrayList<>();
      int row = 0;
      final byte[][] nulls = options.nullValues();
      for (int m = 0; m < count; m++) {
        RawMessage msg = messages.get(m);
        byte[] b = msg.buffer();
        int s = msg.offset();
        int e = s + msg.length();
        int nf = syntax.split(b, s, e);
        if (nf < 0) {
          String what = nf == CsvSyntax.UNTERMINATED_QUOTE ? "unterminated quoted field" : "text after a closing quote";
          rejects.add(new DecodeResult.Rejected(m, where(msg) + what + " in field " + (syntax.errorField + 1)));
          continue;
        }
        int[] map = mapping(msg, nf);
        if (nf != map.length) {
          rejects.add(new DecodeResult.Rejected(m, where(msg) + "expected " + map.length + " fields, found " + nf));
          continue;
        }
        Arrays.fill(written, false);
        String error = null;
        int[] starts = syntax.starts;
        int[] ends = syntax.ends;
        boolean[] escaped = syntax.escaped;
        for (int f = 0; f < nf; f++) {
          int c = map[f];
          if (c < 0) continue;
          written[c] = true;
          int fs = starts[f];
          int fe = ends[f];
          byte[] src = b;
          if (escaped[f]) {
            if (scratch.length < fe - fs) scratch = new byte[Math.max(fe - fs, scratch.length * 2)];
            fe = syntax.unescape(b, fs, fe, scratch);
            fs = 0;
            src = scratch;
          }
          // A quoted field is a value even when it matches a null marker ("" is an empty string).
          if (syntax.quoted[f] ? fs == fe && !isString[c] : isNull(src, fs, fe, nulls)) {
            columns[c].writeNull(row);
          } else if (!columns[c].write(row, src, fs, fe)) {
            error = where(msg) + "column " + schema.getFields().get(c).getName() + ": " + (isString[c] ? "invalid UTF-8"
                : "'" + preview(src, fs, fe) + "' is not a " + ArrowTypes.toString(schema.getFields().get(c).getType()));
            break;
          }
        }
        if (error != null) {
          rejects.add(new DecodeResult.Rejected(m, error));
          continue;
        }
        for (int c = 0; c < ncols; c++) if (!written[c]) columns[c].writeNull(row);
        rowToMessage[row++] = m;
      }
      root.setRowCount(row);
      return new DecodeResult(root, Arrays.copyOf(rowToMessage, row), rejects);
    } catch (RuntimeException ex) {
      root.close();
      throw ex;
    }
  }

  private static boolean isNull(byte[] b, int s, int e, byte[][] nulls) {
    int n = e - s;
    if (nulls.length == 1 && nulls[0].length == 0) return n == 0; // the default: only empty fields
    for (byte[] v : nulls) {
      if (v.length != n) continue;
      if (Arrays.equals(b, s, e, v, 0, n)) return true;
    }
    return false;
  }

  /** The schema column of each field of records from {@code msg}'s file. */
  private int[] mapping(RawMessage msg, int fieldsInRecord) {
    List<String> header = msg.formatContext() instanceof CsvContext c ? c.header() : null;
    if (header == null) {
      if (positional == null) {
        int n = schema.getFields().size();
        positional = new int[n];
        for (int i = 0; i < n; i++) positional[i] = i < schema.getFields().size() ? i : -1;
      }
      return positional;
    }
    int[] map = mappings.get(header);
    if (map == null) {
      List<String> names = names(header);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < schema.getFields().size(); i++) index.putIfAbsent(schema.getFields().get(i).getName(), i);
      map = new int[names.size()];
      for (int i = 0; i < map.length; i++) {
        Integer c = index.remove(names.get(i));
        map[i] = c == null ? -1 : c;
      }
      mappings.put(header, map);
    }
    return map;
  }

  /** The header's names, with {@code columns} renaming them by position. */
  private List<String> names(List<String> header) {
    List<String> names = new ArrayList<>(header);
    for (int i = 0; i < Math.min(names.size(), options.columns().size()); i++) names.set(i, options.columns().get(i));
    return names;
  }

  private Schema infer(List<RawMessage> messages) {
    List<String> names = null;
    RawMessage first = messages.get(0);
    if (first.formatContext() instanceof CsvContext c && c.header() != null) names = names(c.header());
    else if (!options.columns().isEmpty()) names = options.columns();
    Kind[] kinds = null;
    int sampled = 0;
    for (RawMessage msg : messages) {
      if (sampled >= options.inferRows()) break;
      byte[] b = msg.buffer();
      int n = syntax.split(b, msg.offset(), msg.offset() + msg.length());
      if (n < 0) continue;
      if (names == null) {
        names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add("column_" + (i + 1));
      }
      if (kinds == null) {
        kinds = new Kind[names.size()];
        Arrays.fill(kinds, Kind.NULL);
      }
      if (n != names.size()) continue;
      sampled++;
      for (int f = 0; f < n; f++) {
        int fs = syntax.starts[f];
        int fe = syntax.ends[f];
        byte[] src = b;
        if (syntax.escaped[f]) {
          if (scratch.length < fe - fs) scratch = new byte[Math.max(fe - fs, scratch.length * 2)];
          fe = syntax.unescape(b, fs, fe, scratch);
          fs = 0;
          src = scratch;
        }
        if (syntax.quoted[f] ? fs == fe : isNull(src, fs, fe, options.nullValues())) continue;
        if (kinds[f] == Kind.STRING) continue;
        kinds[f] = SchemaInference.join(kinds[f], SchemaInference.classify(parsers, src, fs, fe));
      }
    }
    if (names == null) names = List.of();
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Kind k = kinds == null ? Kind.NULL : kinds[i];
      fields.add(Field.nullable(names.get(i), SchemaInference.arrowType(k)));
    }
    return new Schema(fields);
  }

  private String where(RawMessage msg) {
    if (!(msg.formatContext() instanceof CsvContext c) || c.buffer() != msg.buffer()) return "";
    long first = c.lineAt(msg.offset());
    long lines = 0;
    byte[] b = msg.buffer();
    for (int i = msg.offset(); i < msg.offset() + msg.length(); i++) if (b[i] == '\n') lines++;
    return lines == 0 ? "line " + first + ": " : "lines " + first + "-" + (first + lines) + " (one record spans lines): ";
  }

  private static String preview(byte[] b, int s, int e) {
    int n = Math.min(e - s, 100);
    String v = new String(b, s, n, StandardCharsets.UTF_8);
    return n < e - s ? v + "..." : v;
  }
}
