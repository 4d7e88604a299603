package io.logpro.postgres;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Which columns of a batch the sink writes, which of them form the key, and where the CDC
 * operation is.
 *
 * @param written indexes of the written fields in the batch schema, in write order
 * @param key     names of the key fields (batch names); in append and insert modes only a configured key
 * @param opIndex index of {@code _op} in the batch (cdc mode), else -1
 */
record ColumnSelection(List<Integer> written, List<String> key, int opIndex) {
  /** The CDC metadata columns: not written unless listed in {@code columns}. */
  static final Set<String> CDC_METADATA = Set.of("_op", "_table", "_source_ts", "_tx_id", "_lsn", "_binlog_file", "_binlog_pos",
      "_change_lsn");

  static ColumnSelection of(Schema schema, PostgresSinkSettings settings, TargetTable target) {
    List<Field> fields = schema.getFields();
    List<Integer> written = new ArrayList<>();
    Set<String> excluded = new HashSet<>(settings.exclude());
    if (!settings.columns().isEmpty()) {
      for (String name : settings.columns()) {
        int i = indexOf(fields, name);
        if (i < 0) throw settings.error("columns", "column " + name + " is not in the batch (it has " + names(fields) + ")");
        if (!excluded.contains(name)) written.add(i);
      }
    } else {
      for (int i = 0; i < fields.size(); i++) {
        String name = fields.get(i).getName();
        if (!CDC_METADATA.contains(name) && !excluded.contains(name)) written.add(i);
      }
    }
    if (written.isEmpty()) throw settings.error("columns", "no column of the batch is left to write (it has " + names(fields) + ")");

    WriteMode mode = settings.mode();
    // Append and insert need no key: only a configured one counts (it becomes a created table's primary key).
    List<String> key = mode.needsKey() ? key(fields, settings, target) : settings.key();
    if (mode.needsKey() && key.isEmpty()) {
      throw settings.error("key", "mode " + mode.configName() + " needs key columns: set key (e.g. key: ["
          + fields.get(written.get(0)).getName() + "]); no column of the"
          + " batch has logpro.key metadata" + (target == null ? "" : " and table " + target.name() + " has no primary key"));
    }
    for (String k : key) {
      int i = indexOf(fields, k);
      if (i < 0) throw settings.error("key", "key column " + k + " is not in the batch (it has " + names(fields) + ")");
      if (!written.contains(i)) throw settings.error("key", "key column " + k + " is left out by columns/exclude; a key column must be written");
    }
    int op = -1;
    if (mode == WriteMode.CDC) {
      op = indexOf(fields, "_op");
      if (op < 0) throw settings.error("mode", "mode cdc needs an _op column (c, u, d, r) in the batch; it has " + names(fields));
    }
    return new ColumnSelection(List.copyOf(written), List.copyOf(key), op);
  }

  /** The configured key, else the fields marked logpro.key, else the target's primary key (when all of it is in the batch). */
  private static List<String> key(List<Field> fields, PostgresSinkSettings settings, TargetTable target) {
    if (!settings.key().isEmpty()) return settings.key();
    List<String> marked = new ArrayList<>();
    for (Field f : fields) {
      if (PgTypes.isKey(f)) marked.add(f.getName());
    }
    if (!marked.isEmpty() || target == null || target.primaryKey().isEmpty()) return marked;
    List<String> pk = new ArrayList<>();
    for (String column : target.primaryKey()) {
      Field match = null;
      for (Field f : fields) {
        if (f.getName().equals(column) || (match == null && f.getName().equalsIgnoreCase(column))) match = f;
      }
      if (match == null) return List.of();
      pk.add(match.getName());
    }
    return pk;
  }

  private static int indexOf(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equals(name)) return i;
    }
    return -1;
  }

  private static String names(List<Field> fields) {
    return fields.stream().map(Field::getName).toList().toString();
  }
}
