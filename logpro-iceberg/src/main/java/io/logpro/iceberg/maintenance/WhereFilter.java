package io.logpro.iceberg.maintenance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;

/**
 * The {@code --where} filter of compaction: {@code col = value}, several joined by {@code and}.
 * Values may be quoted ('2024-01-05' or "x"); they are read as the column's type. Iceberg
 * projects the filter onto the partitions (identity, day(ts), bucket...) and the column
 * statistics, and compaction takes the whole files that may hold matching rows.
 */
public final class WhereFilter {
  private static final Pattern TERM = Pattern.compile("\\s*([A-Za-z_][\\w.]*)\\s*=\\s*('([^']*)'|\"([^\"]*)\"|([^\\s'\"]+))\\s*");
  private static final Pattern AND = Pattern.compile("(?i)\\s+and\\s+");

  private WhereFilter() {}

  /** The expression of {@code where} over {@code schema}; IllegalArgumentException naming what is wrong. */
  public static Expression parse(String where, Schema schema) {
    if (where == null || where.isBlank()) return Expressions.alwaysTrue();
    List<Expression> terms = new ArrayList<>();
    for (String part : AND.split(where.trim())) {
      Matcher m = TERM.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("--where: expected col = value [and col = value ...], found '" + part.trim() + "'");
      }
      String column = m.group(1);
      String text = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
      Types.NestedField field = schema.findField(column);
      if (field == null) {
        throw new IllegalArgumentException("--where: table has no column '" + column + "' (columns: "
            + schema.columns().stream().map(Types.NestedField::name).toList() + ")");
      }
      terms.add(Expressions.equal(column, value(field, text)));
    }
    Expression out = terms.get(0);
    for (int i = 1; i < terms.size(); i++) out = Expressions.and(out, terms.get(i));
    return out;
  }

  private static Object value(Types.NestedField field, String text) {
    try {
      return switch (field.type().typeId()) {
        case INTEGER -> Integer.parseInt(text);
        case LONG -> Long.parseLong(text);
        case FLOAT -> Float.parseFloat(text);
        case DOUBLE -> Double.parseDouble(text);
        case DECIMAL -> new BigDecimal(text);
        case BOOLEAN -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
          case "true" -> true;
          case "false" -> false;
          default -> throw new IllegalArgumentException("expected true or false");
        };
        // strings, and dates/times/timestamps/uuids as text: Iceberg converts ISO text to the column type
        default -> text;
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--where: '" + text + "' is not a value of column " + field.name() + " ("
          + field.type() + ")", e);
    }
  }
}
