package io.logpro.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/** Parses {@code partition_by} entries: "col", "identity(col)", "year(col)", "bucket(16, col)", "truncate(4, col)". */
public final class PartitionSpecs {
  private static final Pattern CALL = Pattern.compile("\\s*(\\w+)\\s*\\(\\s*(?:(\\d+)\\s*,\\s*)?([^(),\\s]+)\\s*\\)\\s*");
  private static final Pattern BARE = Pattern.compile("\\s*([^(),\\s]+)\\s*");

  private PartitionSpecs() {}

  /** One partition field: a transform of a source column; {@code width} for bucket and truncate. */
  public record Field(String transform, String column, int width) {}

  /** Parses the entries; throws IllegalArgumentException naming the bad entry. */
  public static List<Field> parse(List<String> entries) {
    List<Field> out = new ArrayList<>();
    for (String e : entries) {
      Matcher bare = BARE.matcher(e);
      if (bare.matches()) {
        out.add(new Field("identity", bare.group(1), 0));
        continue;
      }
      Matcher m = CALL.matcher(e);
      if (!m.matches()) throw new IllegalArgumentException(bad(e));
      String t = m.group(1).toLowerCase(Locale.ROOT);
      boolean needsWidth = t.equals("bucket") || t.equals("truncate");
      if (needsWidth != (m.group(2) != null)) throw new IllegalArgumentException(bad(e));
      switch (t) {
        case "identity", "year", "month", "day", "hour", "bucket", "truncate" -> {}
        default -> throw new IllegalArgumentException(bad(e));
      }
      out.add(new Field(t, m.group(3), needsWidth ? Integer.parseInt(m.group(2)) : 0));
    }
    return out;
  }

  private static String bad(String e) {
    return "expected col, identity(col), year(col), month(col), day(col), hour(col), bucket(N, col) or truncate(N, col), found '" + e + "'";
  }

  public static PartitionSpec toSpec(Schema schema, List<Field> fields) {
    if (fields.isEmpty()) return PartitionSpec.unpartitioned();
    PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
    for (Field f : fields) {
      if (schema.findField(f.column()) == null) {
        throw new IllegalArgumentException("partition_by: column '" + f.column() + "' is not in the schema " + schema.columns().stream().map(c -> c.name()).toList());
      }
      switch (f.transform()) {
        case "identity" -> b.identity(f.column());
        case "year" -> b.year(f.column());
        case "month" -> b.month(f.column());
        case "day" -> b.day(f.column());
        case "hour" -> b.hour(f.column());
        case "bucket" -> b.bucket(f.column(), f.width());
        case "truncate" -> b.truncate(f.column(), f.width());
        default -> throw new IllegalArgumentException(f.transform());
      }
    }
    return b.build();
  }
}
