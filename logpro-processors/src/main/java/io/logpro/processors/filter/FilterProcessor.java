package io.logpro.processors.filter;

import io.logpro.api.Batch;
import io.logpro.api.config.Config;
import io.logpro.api.processor.ProcessorContext;
import io.logpro.processors.BatchProcessor;
import io.logpro.processors.Expressions;
import io.logpro.processors.Rows;
import io.logpro.processors.SchemaCache;
import io.logpro.processors.expr.CompiledExpression;
import io.logpro.processors.expr.ExpressionLanguage;

/** Keeps the rows where {@code where} is TRUE; the others (FALSE or NULL) are dropped or dead-lettered. */
public final class FilterProcessor extends BatchProcessor {
  private final String where;
  private final boolean deadLetter;
  private final String reason;
  private final SchemaCache<CompiledExpression> compiled;

  public FilterProcessor(Config config, ExpressionLanguage language) {
    this.where = config.string("where");
    if (where == null || where.isBlank()) throw config.error("where", "expected an expression, found nothing");
    String onFalse = config.string("on_false");
    if (!onFalse.equals("drop") && !onFalse.equals("dlq")) throw config.error("on_false", "expected drop or dlq, found '" + onFalse + "'");
    this.deadLetter = onFalse.equals("dlq");
    this.reason = "filter failed: " + where;
    Expressions.checkSyntax(language, config, "where", where);
    this.compiled = new SchemaCache<>(schema -> Expressions.predicate(language, config, "where", where, schema));
  }

  /** Pure: it decides from the row alone. */
  @Override
  public boolean sideEffectFree() {
    return true;
  }

  @Override
  protected Batch apply(Batch input, ProcessorContext context) {
    var root = input.root();
    int n = root.getRowCount();
    CompiledExpression predicate = compiled.get(root.getSchema());
    int[] rows = Rows.scratch(n);
    int kept = predicate.select(root, rows);
    if (kept == n) return input;
    if (deadLetter) {
      int next = 0;
      for (int i = 0; i < n; i++) {
        if (next < kept && rows[next] == i) next++;
        else context.reject(input, i, reason);
      }
    }
    return keep(input, rows, kept, context);
  }
}
