package io.logpro.processors.validate;

import io.logpro.api.config.Config;

/** One validation rule as configured. A row breaks a rule only when the rule is definitely false (see {@link ValidateProcessor}). */
sealed interface Rule {
  /** How a broken rule is named in the dead-letter reason, without " failed". */
  String label();

  /** The rule's config block and key, for errors found when the schema is known. */
  Config config();

  String key();

  /** not_null: the column must have a value. */
  record NotNull(String column, Config config) implements Rule {
    @Override
    public String label() {
      return "not_null(" + column + ")";
    }

    @Override
    public String key() {
      return "not_null";
    }
  }

  /** range: min/max are Numbers or Strings (timestamps, dates); either may be null. */
  record Range(String column, Object min, Object max, boolean minInclusive, boolean maxInclusive, Config config) implements Rule {
    @Override
    public String label() {
      String lo = min == null ? null : min + (minInclusive ? " <= " : " < ");
      String hi = max == null ? null : (maxInclusive ? " <= " : " < ") + max;
      if (lo != null && hi != null) return "range(" + lo + column + hi + ")";
      if (lo != null) return "range(" + column + (minInclusive ? " >= " : " > ") + min + ")";
      return "range(" + column + hi + ")";
    }

    @Override
    public String key() {
      return "range";
    }
  }

  /** compare: {@code left op right} between two columns. */
  record Compare(String left, String op, String right, Config config) implements Rule {
    @Override
    public String label() {
      return "compare(" + left + " " + op + " " + right + ")";
    }

    @Override
    public String key() {
      return "compare";
    }
  }

  /** check: any boolean expression, named by {@code name} or by its text. */
  record Check(String expression, String name, Config config) implements Rule {
    @Override
    public String label() {
      return "check(" + (name == null ? expression : name) + ")";
    }

    @Override
    public String key() {
      return "check";
    }
  }
}
