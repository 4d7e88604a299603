package io.logpro.postgres;

import io.logpro.postgres.copy.Codecs;
import io.logpro.postgres.copy.NullCodec;
import io.logpro.postgres.copy.PgType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decides, per written column, how its values reach the target column: encoded directly in the
 * target type's binary format (the fast, common case), staged in the Arrow type's own type and
 * cast by the statement (text into inet, an integer into numeric's cousin...), or not at all
 * (bytes into an integer column: every non-null value is rejected).
 */
final class WritePlanner {
  private WritePlanner() {}

  /** The plan for {@code schema} into {@code target}, which has every written column (after create/evolve). */
  static WritePlan plan(Schema schema, ColumnSelection selection, TargetTable target, PostgresSinkSettings settings) {
    List<PlannedColumn> columns = new ArrayList<>();
    for (int index : selection.written()) {
      Field field = schema.getFields().get(index);
      TargetTable.Column column = target.column(field.getName());
      if (column == null) {
        throw new IllegalStateException("column " + field.getName() + " is not in table " + target.name()
            + (settings.evolveSchema() ? "" : " (evolve_schema is false): add it to the table, or leave it out with exclude"));
      }
      columns.add(plan(index, field, column));
    }
    List<String> key = new ArrayList<>();
    for (String k : selection.key()) {
      key.add(target.column(k).name());
    }
    return new WritePlan(schema, columns, key, selection.opIndex(), settings.mode(), target.name(), target.hasIndexOn(key));
  }

  static PlannedColumn plan(int index, Field field, TargetTable.Column column) {
    PgType targetType = column.type();
    Codecs.Factory direct = Codecs.factory(field, targetType);
    if (direct != null) return new PlannedColumn(index, field, column, targetType, false, direct, null);
    PgType staged;
    try {
      staged = PgTypes.castSourceType(field);
    } catch (IllegalArgumentException e) {
      return incompatible(index, field, column);
    }
    if (PgTypes.castable(staged, targetType)) {
      Codecs.Factory codec = Codecs.factory(field, staged);
      if (codec != null) return new PlannedColumn(index, field, column, staged, true, codec, null);
    }
    return incompatible(index, field, column);
  }

  private static PlannedColumn incompatible(int index, Field field, TargetTable.Column column) {
    String why = "column " + column.name() + " of type " + column.type().sql() + " cannot take Arrow " + field.getType() + " values";
    return new PlannedColumn(index, field, column, column.type(), false, v -> NullCodec.INSTANCE, why);
  }
}
