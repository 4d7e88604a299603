package io.logpro.processors.validate;

import io.logpro.api.Batch;
import io.logpro.api.config.Config;
import io.logpro.api.processor.ProcessorContext;
import io.logpro.processors.BatchProcessor;
import io.logpro.processors.Expressions;
import io.logpro.processors.Rows;
import io.logpro.processors.SchemaCache;
import io.logpro.processors.Values;
import io.logpro.processors.expr.CompiledExpression;
import io.logpro.processors.expr.ExpressionLanguage;
import io.logpro.processors.expr.Names;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Checks every row against a list of rules. A row that breaks any rule is sent once to the
 * dead-letter output with all the rules it broke ("not_null(fare_amount) failed; range(...)
 * failed: -3.0"); the output keeps the rows that pass every rule, in order.
 *
 * <p>Like SQL CHECK constraints, range, compare and check rules are broken only when they are
 * definitely false: a NULL operand passes them, and not_null is the rule that catches NULLs. So
 * a row with a missing fare is reported once, as not_null, rather than twice.
 */
public final class ValidateProcessor extends BatchProcessor {
  private final ExpressionLanguage language;
  private final List<Rule> rules;
  private final SchemaCache<List<Bound>> compiled;

  /** A rule resolved against a schema: a column index (not_null; the value shown for range) and/or an expression that is TRUE where the row passes. */
  private record Bound(Rule rule, int column, CompiledExpression passes) {}

  public ValidateProcessor(List<Rule> rules, ExpressionLanguage language) {
    this.language = language;
    this.rules = List.copyOf(rules);
    this.compiled = new SchemaCache<>(this::bind);
  }

  private List<Bound> bind(Schema schema) {
    List<Bound> out = new ArrayList<>();
    for (Rule rule : rules) {
      switch (rule) {
        case Rule.NotNull r -> out.add(new Bound(rule, column(schema, r.column(), r), null));
        case Rule.Range r -> {
          int index = column(schema, r.column(), r);
          out.add(new Bound(rule, index, passes(rule, rangeExpression(r, schema.getFields().get(index)), schema)));
        }
        case Rule.Compare r -> {
          column(schema, r.left(), r);
          column(schema, r.right(), r);
          String text = language.quoteIdentifier(r.left()) + " " + r.op() + " " + language.quoteIdentifier(r.right());
          out.add(new Bound(rule, -1, passes(rule, text, schema)));
        }
        case Rule.Check r -> {
          Expressions.predicate(language, r.config(), "check", r.expression(), schema); // errors point into the user's text
          out.add(new Bound(rule, -1, passes(rule, r.expression(), schema)));
        }
      }
    }
    return out;
  }

  private int column(Schema schema, String name, Rule rule) {
    List<String> names = schema.getFields().stream().map(Field::getName).toList();
    int index = names.indexOf(name);
    if (index < 0) {
      String suggestion = Names.suggest(name, names);
      throw rule.config().error(rule.key(), "unknown column '" + name + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
    }
    return index;
  }

  /** TRUE where the rule holds or is NULL (SQL CHECK semantics). */
  private CompiledExpression passes(Rule rule, String text, Schema schema) {
    return Expressions.predicate(language, rule.config(), rule.key(), "coalesce((" + text + "), TRUE)", schema);
  }

  private String rangeExpression(Rule.Range r, Field field) {
    String col = language.quoteIdentifier(r.column());
    List<String> parts = new ArrayList<>();
    if (r.min() != null) parts.add(col + (r.minInclusive() ? " >= " : " > ") + literal(r, r.min(), field));
    if (r.max() != null) parts.add(col + (r.maxInclusive() ? " <= " : " < ") + literal(r, r.max(), field));
    return String.join(" AND ", parts);
  }

  private String literal(Rule.Range r, Object bound, Field field) {
    ArrowType type = field.getType();
    boolean temporal = type instanceof ArrowType.Timestamp || type instanceof ArrowType.Date;
    if (bound instanceof Number n) {
      if (temporal) throw r.config().error("range", "column '" + r.column() + "' holds " + type + ": expected a timestamp string bound, found " + n);
      return n.toString();
    }
    String s = bound.toString();
    if (temporal) return (type instanceof ArrowType.Date ? "DATE " : "TIMESTAMP ") + language.quoteString(s);
    if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) return language.quoteString(s);
    try {
      return Double.toString(Double.parseDouble(s.trim()));
    } catch (NumberFormatException e) {
      throw r.config().error("range", "column '" + r.column() + "' holds numbers: expected a number bound, found '" + s + "'");
    }
  }

  /** Pure: it checks each row on its own. */
  @Override
  public boolean sideEffectFree() {
    return true;
  }

  @Override
  protected Batch apply(Batch input, ProcessorContext context) {
    VectorSchemaRoot root = input.root();
    int n = root.getRowCount();
    List<Bound> bound = compiled.get(root.getSchema());
    int[] rows = Rows.scratch(n);
    BitSet[] broken = new BitSet[bound.size()];
    BitSet any = null;
    for (int r = 0; r < broken.length; r++) {
      Bound b = bound.get(r);
      BitSet failed = null;
      if (b.passes() == null) {
        FieldVector v = root.getVector(b.column());
        if (v.getNullCount() > 0) {
          failed = new BitSet(n);
          for (int i = 0; i < n; i++) if (v.isNull(i)) failed.set(i);
        }
      } else {
        int passing = b.passes().select(root, rows);
        if (passing < n) {
          failed = new BitSet(n);
          failed.set(0, n);
          for (int k = 0; k < passing; k++) failed.clear(rows[k]);
        }
      }
      broken[r] = failed;
      if (failed != null) {
        if (any == null) any = new BitSet(n);
        any.or(failed);
      }
    }
    if (any == null) return input;

    StringBuilder reason = new StringBuilder();
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (!any.get(i)) {
        rows[kept++] = i;
        continue;
      }
      reason.setLength(0);
      for (int r = 0; r < broken.length; r++) {
        if (broken[r] == null || !broken[r].get(i)) continue;
        Bound b = bound.get(r);
        if (!reason.isEmpty()) reason.append("; ");
        reason.append(b.rule().label()).append(" failed");
        if (b.rule() instanceof Rule.Range) reason.append(": ").append(Values.render(root.getVector(b.column()), i));
      }
      context.reject(input, i, reason.toString());
    }
    return keep(input, rows, kept, context);
  }
}
