package io.logpro.processors;

import io.logpro.api.config.Config;
import io.logpro.processors.expr.CompiledExpression;
import io.logpro.processors.expr.ExpressionException;
import io.logpro.processors.expr.ExpressionLanguage;
import org.apache.arrow.vector.types.pojo.Schema;

/** Compiling config-supplied expressions, with errors reported at their config key. */
public final class Expressions {
  private Expressions() {}

  /** Checks syntax at startup so a typo fails before the first batch. */
  public static void checkSyntax(ExpressionLanguage language, Config config, String key, String text) {
    try {
      language.checkSyntax(text);
    } catch (ExpressionException e) {
      throw config.error(key, e.getMessage());
    }
  }

  public static CompiledExpression compile(ExpressionLanguage language, Config config, String key, String text, Schema schema) {
    try {
      return language.compile(text, schema);
    } catch (ExpressionException e) {
      throw config.error(key, e.getMessage());
    }
  }

  public static CompiledExpression predicate(ExpressionLanguage language, Config config, String key, String text, Schema schema) {
    CompiledExpression e = compile(language, config, key, text, schema);
    if (!e.isPredicate()) throw config.error(key, "expected a condition (true/false), found an expression of type " + e.type() + ": " + text);
    return e;
  }
}
