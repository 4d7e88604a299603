package io.logpro.processors.expr;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns expression text into something that evaluates over Arrow batches. Processors depend on
 * this interface only, so a later issue can swap the language without touching them.
 */
public interface ExpressionLanguage {

  /** A short name for docs and errors ("sql"). */
  String name();

  /**
   * Compiles {@code text} against the columns of {@code schema}.
   *
   * @throws ExpressionException for syntax errors, unknown columns (with a did-you-mean) and type
   *     errors, pointing at the column of the text where the problem starts
   */
  CompiledExpression compile(String text, Schema schema);

  /** Checks the syntax only (no schema yet), so a config can fail at startup rather than at the first batch. */
  void checkSyntax(String text);

  /** Writes {@code name} so that it reads back as a column reference, quoting when needed. */
  String quoteIdentifier(String name);

  /** Writes {@code value} as a string literal of the language. */
  String quoteString(String value);

  /** The language used by the processors until a later issue makes it configurable. */
  static ExpressionLanguage standard() {
    return SqlExpressionLanguage.INSTANCE;
  }
}
