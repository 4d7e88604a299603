package io.logpro.postgres;

import io.logpro.postgres.copy.Codecs;
import io.logpro.postgres.copy.PgType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the target table up to a batch: adds the columns it lacks and widens columns whose
 * type would lose the batch's values (smallint → integer → bigint, real → double precision,
 * numeric to more digits, varchar(n) → text when a value is longer than n). Nothing else is
 * changed: a type that is not a safe widening stays, and its values are cast or rejected row by row.
 */
final class SchemaEvolution {
  private static final Logger log = LoggerFactory.getLogger(SchemaEvolution.class);

  /** One ALTER TABLE, and what it does in words for the log. */
  record Change(String sql, String description) {}

  private SchemaEvolution() {}

  /** The changes {@code target} needs for the written columns of {@code root}. */
  static List<Change> changes(VectorSchemaRoot root, ColumnSelection selection, TargetTable target) {
    List<Change> out = new ArrayList<>();
    String table = target.name().quoted();
    for (int index : selection.written()) {
      Field field = root.getSchema().getFields().get(index);
      TargetTable.Column column = target.column(field.getName());
      if (column == null) {
        String type = PgTypes.columnType(field).sql();
        out.add(new Change("ALTER TABLE " + table + " ADD COLUMN " + Sql.quote(field.getName()) + " " + type,
            "added column " + field.getName() + " " + type));
        continue;
      }
      PgType wanted;
      try {
        wanted = PgTypes.columnType(field);
      } catch (IllegalArgumentException e) {
        continue; // no PostgreSQL type: the planner rejects its values
      }
      PgType wider = PgTypes.widening(column.type(), wanted);
      if (wider == null) {
        int limit = PgTypes.lengthLimit(column.type());
        if (limit >= 0 && column.type().oid() == io.logpro.postgres.copy.PgOids.VARCHAR && Codecs.isText(field.getType())
            && longestExceeds(root.getVector(index), root.getRowCount(), limit)) {
          wider = PgType.of(io.logpro.postgres.copy.PgOids.TEXT, "text", 'S');
        }
      }
      if (wider != null) {
        out.add(new Change("ALTER TABLE " + table + " ALTER COLUMN " + Sql.quote(column.name()) + " TYPE " + wider.sql(),
            "widened column " + column.name() + " from " + column.type().sql() + " to " + wider.sql()));
      }
    }
    return out;
  }

  /** Applies the changes in the open transaction (they commit with the batch, and roll back with it). */
  static void apply(Connection c, String sink, TableName table, List<Change> changes) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (Change change : changes) {
        st.execute(change.sql());
        log.info("postgres sink {}: table {}: {}", sink, table, change.description());
      }
    }
  }

  /** Whether some value has more than {@code limit} characters (a UTF-8 string has no more characters than bytes). */
  static boolean longestExceeds(FieldVector vector, int rows, int limit) {
    if (vector instanceof BaseVariableWidthVector v) {
      for (int i = 0; i < rows; i++) {
        if (v.isNull(i)) continue;
        int start = v.getStartOffset(i);
        int len = v.getEndOffset(i) - start;
        if (len > limit && characters(v, start, len) > limit) return true;
      }
      return false;
    }
    for (int i = 0; i < rows; i++) {
      Object o = vector.getObject(i);
      if (o != null && o.toString().codePointCount(0, o.toString().length()) > limit) return true;
    }
    return false;
  }

  private static int characters(BaseVariableWidthVector v, int start, int len) {
    var data = v.getDataBuffer();
    int chars = 0;
    for (int i = 0; i < len; i++) {
      if ((data.getByte(start + i) & 0xC0) != 0x80) chars++; // count every byte that starts a character
    }
    return chars;
  }
}
