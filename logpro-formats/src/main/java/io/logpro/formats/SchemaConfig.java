package io.logpro.formats;

import io.logpro.api.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads an explicit schema from config: a list {@code [{name: VendorID, type: int32, nullable: false}, ...]}
 * or a mapping {@code {VendorID: int32, ...}} (mapping order is kept).
 */
public final class SchemaConfig {
  private SchemaConfig() {}

  /** The schema under {@code key}, or null when the key is absent. */
  public static Schema read(Config config, String key) {
    Object raw = config.raw(key);
    if (raw == null) return null;
    List<Field> fields = new ArrayList<>();
    if (raw instanceof Map<?, ?> map) {
      for (var e : map.entrySet()) {
        fields.add(field(config, key, String.valueOf(e.getKey()), e.getValue(), true));
      }
    } else if (raw instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> m)) {
          throw config.error(key, "expected a list of {name, type} mappings, found an item '" + item + "'");
        }
        Object name = m.get("name");
        Object type = m.get("type");
        if (name == null || type == null) {
          throw config.error(key, "expected each item to have name and type, found " + m);
        }
        Object nullable = m.get("nullable");
        boolean isNullable = nullable == null || !(nullable instanceof Boolean b ? !b : "false".equalsIgnoreCase(nullable.toString()));
        fields.add(field(config, key, name.toString(), type, isNullable));
      }
    } else {
      throw config.error(key, "expected a mapping of column: type or a list of {name, type}, found '" + raw + "'");
    }
    if (fields.isEmpty()) throw config.error(key, "expected at least one column, found none");
    return new Schema(fields);
  }

  private static Field field(Config config, String key, String name, Object type, boolean nullable) {
    ArrowType t;
    try {
      t = ArrowTypes.parse(String.valueOf(type));
    } catch (IllegalArgumentException e) {
      throw config.error(key, "column " + name + ": " + e.getMessage());
    }
    return new Field(name, new FieldType(nullable, t, null), null);
  }
}
