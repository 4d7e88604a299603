package io.logpro.postgres;

import java.util.List;
import java.util.stream.Collectors;

/** SQL text helpers. */
final class Sql {
  private Sql() {}

  /** A quoted identifier: names keep their case and may hold any character. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String quoteAll(List<String> identifiers, String prefix) {
    return identifiers.stream().map(c -> prefix + quote(c)).collect(Collectors.joining(", "));
  }
}
