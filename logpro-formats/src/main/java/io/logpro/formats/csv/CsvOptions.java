package io.logpro.formats.csv;

import io.logpro.api.config.Config;
import io.logpro.formats.SchemaConfig;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The validated settings of the csv format.
 *
 * @param header          whether the first record of a file names the columns
 * @param delimiter       the field separator byte
 * @param quote           the quote byte
 * @param columns         column names (when there is no header, or to rename the header's), or empty
 * @param nullValues      field contents read as null, as UTF-8 bytes
 * @param schema          the explicit schema, or null to infer
 * @param inferRows       how many records to sample for inference
 * @param timestampFormat a custom timestamp pattern, or null
 */
public record CsvOptions(boolean header, byte delimiter, byte quote, List<String> columns, byte[][] nullValues,
    Schema schema, int inferRows, DateTimeFormatter timestampFormat) {

  public static CsvOptions defaults() {
    return new CsvOptions(true, (byte) ',', (byte) '"', List.of(), new byte[][] {new byte[0]}, null, 1000, null);
  }

  public static CsvOptions from(Config config) {
    byte delimiter = singleByte(config, "delimiter");
    byte quote = singleByte(config, "quote");
    if (delimiter == quote) throw config.error("quote", "expected a quote different from the delimiter, found '" + (char) quote + "'");
    List<String> nulls = config.strings("null_values");
    byte[][] nullBytes = new byte[nulls.size()][];
    for (int i = 0; i < nulls.size(); i++) nullBytes[i] = nulls.get(i).getBytes(StandardCharsets.UTF_8);
    int inferRows = config.integer("infer_rows");
    if (inferRows < 1) throw config.error("infer_rows", "expected a positive number, found " + inferRows);
    DateTimeFormatter tsFormat = null;
    String pattern = config.string("timestamp_format");
    if (pattern != null && !pattern.isBlank()) {
      try {
        tsFormat = DateTimeFormatter.ofPattern(pattern);
      } catch (IllegalArgumentException e) {
        throw config.error("timestamp_format", "expected a java.time pattern such as yyyy-MM-dd HH:mm:ss, found '"
            + pattern + "': " + e.getMessage());
      }
    }
    Schema schema = SchemaConfig.read(config, "schema");
    if (schema != null) {
      for (var f : schema.getFields()) {
        if (!f.getChildren().isEmpty()) throw config.error("schema", "expected scalar column types for csv, found "
            + f.getName() + ": " + f.getType());
      }
    }
    return new CsvOptions(config.bool("header"), delimiter, quote, List.copyOf(config.strings("columns")), nullBytes,
        schema, inferRows, tsFormat);
  }

  private static byte singleByte(Config config, String key) {
    String s = config.string(key);
    if ("\\t".equals(s) || "tab".equalsIgnoreCase(s)) s = "\t";
    if (s == null || s.length() != 1 || s.charAt(0) >= 128 || s.charAt(0) == '\n' || s.charAt(0) == '\r') {
      throw config.error(key, "expected one ASCII character (other than a line break), found '" + s + "'");
    }
    return (byte) s.charAt(0);
  }
}
