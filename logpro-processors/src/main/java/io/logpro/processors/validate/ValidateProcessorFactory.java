package io.logpro.processors.validate;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorFactory;
import io.logpro.processors.Expressions;
import io.logpro.processors.expr.ExpressionLanguage;
import java.util.ArrayList;
import java.util.List;

public final class ValidateProcessorFactory implements ProcessorFactory {
  static final List<String> OPS = List.of("=", "!=", "<>", "<", "<=", ">", ">=");
  static final List<String> KINDS = List.of("not_null", "range", "compare", "check");

  static final ConfigSpec RANGE = ConfigSpec.builder("", "Bounds for one column; a NULL value passes (use not_null to catch it).")
      .field(FieldSpec.string("column", "The column to check.").asRequired())
      .field(FieldSpec.of("min", FieldType.ANY, "Lower bound: a number, or a timestamp/date string for temporal columns. Absent: no lower bound.")
          .withExample("0"))
      .field(FieldSpec.of("max", FieldType.ANY, "Upper bound, like min. Absent: no upper bound.").withExample("'2025-01-01 00:00:00'"))
      .field(FieldSpec.bool("min_inclusive", "Whether a value equal to min passes.").withDefault(true))
      .field(FieldSpec.bool("max_inclusive", "Whether a value equal to max passes.").withDefault(true))
      .build();

  static final ConfigSpec COMPARE = ConfigSpec.builder("", "A comparison between two columns of the same row; NULL on either side passes.")
      .field(FieldSpec.string("left", "The left column.").asRequired())
      .field(FieldSpec.oneOf("op", "The comparison.", OPS.toArray(String[]::new)).asRequired())
      .field(FieldSpec.string("right", "The right column.").asRequired())
      .build();

  static final ConfigSpec RULE = ConfigSpec.builder("", "One rule: exactly one of not_null, range, compare or check.")
      .field(FieldSpec.strings("not_null", "Columns that must have a value.").withExample("[VendorID, fare_amount]"))
      .field(FieldSpec.object("range", "A bound check on one column.", RANGE))
      .field(FieldSpec.object("compare", "A comparison between two columns.", COMPARE))
      .field(FieldSpec.string("check", "Any condition; the row breaks it only when it is false (NULL passes).")
          .withExample("passenger_count BETWEEN 1 AND 9"))
      .field(FieldSpec.string("name", "For check: the name shown in the dead-letter reason instead of the expression."))
      .build();

  static final ConfigSpec SPEC = ConfigSpec.builder("validate",
          "Checks rows against rules. A row that breaks any rule goes once to the dead-letter output, with every "
              + "rule it broke in the reason ('not_null(fare_amount) failed; range(trip_distance >= 0) failed: -1.5'); "
              + "the rows that pass all rules go on in order.")
      .field(FieldSpec.objects("rules", "The rules, each a mapping with one of not_null, range, compare or check.", RULE).asRequired())
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Processor create(Config config) {
    ExpressionLanguage language = ExpressionLanguage.standard();
    List<Rule> rules = new ArrayList<>();
    List<Config> items = config.objects("rules");
    if (items.isEmpty()) throw config.error("rules", "expected at least one rule, found none");
    for (Config item : items) {
      List<String> kinds = KINDS.stream().filter(item::has).toList();
      if (kinds.size() != 1) {
        String found = "expected exactly one of " + KINDS + " in each rule, found " + (kinds.isEmpty() ? "none" : kinds);
        throw kinds.isEmpty() ? config.error("rules", found) : item.error(kinds.get(1), found);
      }
      if (item.has("name") && !kinds.get(0).equals("check")) throw item.error("name", "expected name only on a check rule");
      switch (kinds.get(0)) {
        case "not_null" -> {
          List<String> columns = item.strings("not_null");
          if (columns.isEmpty()) throw item.error("not_null", "expected a list of columns, found none");
          for (String c : columns) rules.add(new Rule.NotNull(c, item));
        }
        case "range" -> {
          Config r = item.object("range");
          require(r, "column");
          Object min = bound(r, "min");
          Object max = bound(r, "max");
          if (min == null && max == null) throw item.error("range", "expected min, max or both, found neither");
          rules.add(new Rule.Range(r.string("column"), min, max, r.bool("min_inclusive"), r.bool("max_inclusive"), item));
        }
        case "compare" -> {
          Config c = item.object("compare");
          require(c, "left");
          require(c, "op");
          require(c, "right");
          String op = c.string("op").trim();
          if (!OPS.contains(op)) throw c.error("op", "expected one of " + String.join(" ", OPS) + ", found '" + op + "'");
          rules.add(new Rule.Compare(c.string("left"), op, c.string("right"), item));
        }
        default -> {
          String text = item.string("check");
          Expressions.checkSyntax(language, item, "check", text);
          rules.add(new Rule.Check(text, item.string("name"), item));
        }
      }
    }
    return new ValidateProcessor(rules, language);
  }

  private static void require(Config c, String key) {
    if (!c.has(key) || c.string(key).isBlank()) throw c.error(key, "is required");
  }

  private static Object bound(Config r, String key) {
    Object v = r.raw(key);
    if (v == null || v instanceof Number || v instanceof String) return v;
    throw r.error(key, "expected a number or a timestamp string, found '" + v + "'");
  }
}
