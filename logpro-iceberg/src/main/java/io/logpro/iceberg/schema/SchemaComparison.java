package io.logpro.iceberg.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Compares a batch's Arrow schema with its table's Iceberg schema and says, for one
 * {@link SchemaPolicy}, how the table must change and what happens to the batch's columns and
 * rows. Pure: it reads both schemas and changes nothing, so the sink can cache the plan per
 * (Arrow schema, table schema id) and recompute it after refreshing the table.
 *
 * <p>Columns match by name. A batch type "fits" a table type when it is the same after logpro's
 * Arrow→Iceberg mapping ({@link ArrowSchemas}), or narrower and written converted (int32 into
 * int64, float into double, decimal(p,s) into decimal(p',s) with p' &gt;= p, a timestamp of the
 * other zone flavour). The table "widens" to a batch type by Iceberg's safe promotions only:
 * int32→int64, float→double, decimal(p,s)→decimal(p',s) with p' &gt; p. Anything else is unsafe.
 */
public final class SchemaComparison {
  /** The column that holds, per row, a JSON object of the values that did not fit the table (rescue). */
  public static final String RESCUED_DATA = "_rescued_data";

  private SchemaComparison() {}

  /** A change to the table's schema. */
  public sealed interface Change {
    /** For the log: "added column tip_code int64". */
    String describe();

    /** An optional column {@code name} under {@code parent} (a struct's full name), or at the top when parent is null. */
    record AddColumn(String parent, String name, Type type) implements Change {
      @Override
      public String describe() {
        return "added column " + (parent == null ? name : parent + "." + name) + " " + TypeNames.of(type);
      }
    }

    /** Column {@code path} promoted from {@code from} to {@code to}. */
    record Widen(String path, Type from, Type.PrimitiveType to) implements Change {
      @Override
      public String describe() {
        return "widened column " + path + " from " + TypeNames.of(from) + " to " + TypeNames.of(to);
      }
    }
  }

  /**
   * What to do with batches of one schema.
   *
   * @param changes         table schema changes to commit before writing (permissive, rescue)
   * @param rejectAll       when not null, every row goes to the dead-letter output with this reason and nothing is written
   * @param unsafe          batch column → reason: the column is not written, rows with a value in it are dead-lettered
   * @param rescued         batch columns not written, whose values go to {@link #RESCUED_DATA} as JSON
   * @param requiredColumns required table columns the batch carries: rows with a null there are dead-lettered
   */
  public record Plan(List<Change> changes, String rejectAll, Map<String, String> unsafe, List<String> rescued, List<String> requiredColumns) {
    public Plan {
      changes = List.copyOf(changes);
      unsafe = Map.copyOf(unsafe);
      rescued = List.copyOf(rescued);
      requiredColumns = List.copyOf(requiredColumns);
    }

    /** True when the batch's columns are written as they are (nulls in required columns aside). */
    public boolean writesAsIs() {
      return changes.isEmpty() && rejectAll == null && unsafe.isEmpty() && rescued.isEmpty();
    }
  }

  /** Differences found under one top-level column. */
  private static final class Column {
    final List<Change> widenings = new ArrayList<>();
    final List<Change> additions = new ArrayList<>();
    final List<String> differences = new ArrayList<>();
    String unsafe;

    void unsafe(String reason) {
      if (unsafe == null) unsafe = reason;
      differences.add(reason);
    }
  }

  public static Plan compare(org.apache.arrow.vector.types.pojo.Schema batch, Schema table, SchemaPolicy policy, String tableName) {
    List<Change> changes = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    Map<String, String> unsafe = new LinkedHashMap<>();
    List<String> rescued = new ArrayList<>();
    List<String> required = new ArrayList<>();
    String requiredRescued = null;
    Types.StructType struct = table.asStruct();
    for (Field f : batch.getFields()) {
      Types.NestedField tf = struct.field(f.getName());
      if (tf == null) {
        newColumn(f, policy, tableName, changes, differences, unsafe, rescued);
        continue;
      }
      if (tf.isRequired()) required.add(f.getName());
      Column c = new Column();
      compare(f.getName(), tf.type(), f, c, false);
      differences.addAll(c.differences);
      switch (policy) {
        case STRICT -> {}
        case PERMISSIVE -> {
          if (c.unsafe != null) {
            unsafe.put(f.getName(), "does not fit table " + tableName + ": " + c.unsafe);
          } else {
            changes.addAll(c.additions);
            changes.addAll(c.widenings);
          }
        }
        case RESCUE -> {
          if (c.unsafe != null || !c.additions.isEmpty()) {
            rescued.add(f.getName());
            if (tf.isRequired()) requiredRescued = f.getName();
          } else {
            changes.addAll(c.widenings);
          }
        }
      }
    }
    String rejectAll = null;
    if (requiredRescued != null) {
      // its values would go to _rescued_data and leave a required column empty
      String column = requiredRescued;
      rejectAll = "required column " + column + " of table " + tableName + " cannot hold the batch's values: "
          + differences.stream().filter(d -> d.startsWith(column)).findFirst().orElse("they do not fit");
    }
    for (Types.NestedField tf : struct.fields()) {
      if (batch.getFields().stream().anyMatch(f -> f.getName().equals(tf.name()))) continue;
      if (tf.isRequired() && rejectAll == null) {
        rejectAll = "required column " + tf.name() + " of table " + tableName + " is missing from the batch";
      } else {
        differences.add("column " + tf.name() + " (" + TypeNames.of(tf.type()) + ") is missing from the batch");
      }
    }
    if (policy == SchemaPolicy.RESCUE && !rescued.isEmpty()) {
      Types.NestedField existing = struct.field(RESCUED_DATA);
      if (existing == null) {
        changes.add(new Change.AddColumn(null, RESCUED_DATA, Types.StringType.get()));
      } else if (existing.type().typeId() != Type.TypeID.STRING) {
        rejectAll = "table " + tableName + " has a column " + RESCUED_DATA + " of type " + TypeNames.of(existing.type()) + ", expected string";
      }
      // the batch's own rescued values (rescued upstream) join this batch's, under their column name
      if (!rescued.contains(RESCUED_DATA) && batch.getFields().stream().anyMatch(f -> f.getName().equals(RESCUED_DATA))) {
        rescued.add(RESCUED_DATA);
        required.remove(RESCUED_DATA);
      }
    }
    if (policy == SchemaPolicy.STRICT && rejectAll == null && !differences.isEmpty()) {
      rejectAll = "schema differs from table " + tableName + ": " + String.join("; ", differences);
    }
    if (rejectAll != null) return new Plan(List.of(), rejectAll, Map.of(), List.of(), List.of());
    return new Plan(changes, null, unsafe, rescued, required);
  }

  private static void newColumn(Field f, SchemaPolicy policy, String tableName, List<Change> changes, List<String> differences,
      Map<String, String> unsafe, List<String> rescued) {
    Type type;
    try {
      type = ArrowSchemas.type(f);
    } catch (IllegalArgumentException e) {
      differences.add("new column " + f.getName() + " (" + f.getType() + ", which Iceberg cannot store)");
      if (policy == SchemaPolicy.PERMISSIVE) unsafe.put(f.getName(), e.getMessage());
      if (policy == SchemaPolicy.RESCUE) rescued.add(f.getName());
      return;
    }
    differences.add("new column " + f.getName() + " (" + TypeNames.of(type) + ")");
    switch (policy) {
      case STRICT -> {}
      case PERMISSIVE -> changes.add(new Change.AddColumn(null, f.getName(), optional(type)));
      case RESCUE -> rescued.add(f.getName());
    }
  }

  /** Compares table type {@code t} at {@code path} with batch field {@code f}, recording what differs in {@code c}. */
  private static void compare(String path, Type t, Field f, Column c, boolean mapKey) {
    ArrowType at = f.getType();
    switch (t.typeId()) {
      case STRUCT -> {
        if (!(at instanceof ArrowType.Struct)) {
          c.unsafe(mismatch(path, t, f));
          return;
        }
        Types.StructType st = t.asStructType();
        for (Field child : f.getChildren()) {
          Types.NestedField tc = st.field(child.getName());
          String childPath = path + "." + child.getName();
          if (tc != null) {
            compare(childPath, tc.type(), child, c, mapKey);
            continue;
          }
          Type ct;
          try {
            ct = ArrowSchemas.type(child);
          } catch (IllegalArgumentException e) {
            c.unsafe(childPath + ": " + e.getMessage());
            continue;
          }
          c.differences.add("new column " + childPath + " (" + TypeNames.of(ct) + ")");
          if (mapKey) c.unsafe("map key " + path + " gains field " + child.getName());
          else c.additions.add(new Change.AddColumn(path, child.getName(), optional(ct)));
        }
        for (Types.NestedField tc : st.fields()) {
          if (f.getChildren().stream().anyMatch(ch -> ch.getName().equals(tc.name()))) continue;
          if (tc.isRequired()) c.unsafe("required field " + path + "." + tc.name() + " is missing from the batch");
          else c.differences.add("column " + path + "." + tc.name() + " (" + TypeNames.of(tc.type()) + ") is missing from the batch");
        }
      }
      case LIST -> {
        if (!(at instanceof ArrowType.List || at instanceof ArrowType.LargeList)) {
          c.unsafe(mismatch(path, t, f));
          return;
        }
        compare(path + ".element", t.asListType().elementType(), f.getChildren().get(0), c, mapKey);
      }
      case MAP -> {
        if (!(at instanceof ArrowType.Map)) {
          c.unsafe(mismatch(path, t, f));
          return;
        }
        Field entries = f.getChildren().get(0);
        compare(path + ".key", t.asMapType().keyType(), entries.getChildren().get(0), c, true);
        compare(path + ".value", t.asMapType().valueType(), entries.getChildren().get(1), c, mapKey);
      }
      default -> {
        Type bt;
        try {
          bt = ArrowSchemas.type(f);
        } catch (IllegalArgumentException e) {
          c.unsafe(path + ": " + e.getMessage());
          return;
        }
        if (bt.equals(t)) return;
        if (!bt.isPrimitiveType()) {
          c.unsafe(mismatch(path, t, f));
        } else if (fits(bt, t)) {
          c.differences.add(difference(path, t, bt));
        } else if (widens(t, bt) && !mapKey) {
          c.differences.add(difference(path, t, bt));
          c.widenings.add(new Change.Widen(path, t, bt.asPrimitiveType()));
        } else {
          c.unsafe(difference(path, t, bt));
        }
      }
    }
  }

  /** True when values of batch type {@code b} are written into table type {@code t} without changing the table. */
  static boolean fits(Type b, Type t) {
    if (widens(b, t)) return true;
    if (b instanceof Types.DecimalType bd && t instanceof Types.DecimalType td) return bd.scale() == td.scale() && bd.precision() <= td.precision();
    return b.typeId() == Type.TypeID.TIMESTAMP && t.typeId() == Type.TypeID.TIMESTAMP;
  }

  /** Iceberg's safe promotions: int32→int64, float→double, decimal(p,s)→decimal(p',s) with p' &gt; p. */
  static boolean widens(Type from, Type to) {
    return switch (from.typeId()) {
      case INTEGER -> to.typeId() == Type.TypeID.LONG;
      case FLOAT -> to.typeId() == Type.TypeID.DOUBLE;
      case DECIMAL -> to instanceof Types.DecimalType td && td.scale() == ((Types.DecimalType) from).scale()
          && td.precision() > ((Types.DecimalType) from).precision();
      default -> false;
    };
  }

  private static String difference(String path, Type table, Type batch) {
    return path + " is " + TypeNames.of(table) + " in the table, " + TypeNames.of(batch) + " in the batch";
  }

  private static String mismatch(String path, Type table, Field f) {
    String batch;
    try {
      batch = TypeNames.of(ArrowSchemas.type(f));
    } catch (IllegalArgumentException e) {
      batch = f.getType().toString();
    }
    return path + " is " + TypeNames.of(table) + " in the table, " + batch + " in the batch";
  }

  /** {@code t} with every nested field optional: a column added mid-stream may be absent from later rows. */
  static Type optional(Type t) {
    return switch (t.typeId()) {
      case STRUCT -> Types.StructType.of(t.asStructType().fields().stream()
          .map(f -> Types.NestedField.optional(f.fieldId(), f.name(), optional(f.type()))).toList());
      case LIST -> Types.ListType.ofOptional(t.asListType().elementId(), optional(t.asListType().elementType()));
      case MAP -> Types.MapType.ofOptional(t.asMapType().keyId(), t.asMapType().valueId(), t.asMapType().keyType(),
          optional(t.asMapType().valueType()));
      default -> t;
    };
  }
}
