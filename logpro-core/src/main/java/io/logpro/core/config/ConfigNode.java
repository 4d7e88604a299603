package io.logpro.core.config;

import java.util.LinkedHashMap;
import java.util.List;

/** A YAML value with the place it was written, so that every error can point at its line. */
public sealed interface ConfigNode {
  int line();

  int column();

  /** A scalar: value is String, Long, Double, Boolean or null (after ${VAR} interpolation). */
  record Scalar(Object value, String text, int line, int column) implements ConfigNode {}

  record Sequence(List<ConfigNode> items, int line, int column) implements ConfigNode {}

  /** A mapping; entries keep their YAML order and each key's own location. */
  record Mapping(LinkedHashMap<String, Entry> entries, int line, int column) implements ConfigNode {
    public ConfigNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }
  }

  record Entry(String key, int keyLine, int keyColumn, ConfigNode value) {}

  /** What kind of value this is, for "expected X, found Y" messages. */
  static String describe(ConfigNode node) {
    return switch (node) {
      case Scalar s when s.value() == null -> "null";
      case Scalar s when s.value() instanceof String str -> "'" + (str.length() > 40 ? str.substring(0, 40) + "..." : str) + "'";
      case Scalar s -> String.valueOf(s.value());
      case Sequence q -> "a list";
      case Mapping m -> "a mapping";
    };
  }
}
