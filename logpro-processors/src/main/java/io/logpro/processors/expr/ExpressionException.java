package io.logpro.processors.expr;

/**
 * An expression that does not parse, names an unknown column or mixes types. The message shows
 * the text with a caret under the problem, e.g.
 *
 * <pre>
 * unknown column 'fare_amout' at column 1 (did you mean 'fare_amount'?)
 *   fare_amout &gt;= 0
 *   ^
 * </pre>
 */
public final class ExpressionException extends RuntimeException {
  private final String text;
  private final int column;
  private final String reason;
  private final String suggestion;

  /**
   * @param text       the whole expression
   * @param offset     0-based offset of the problem in {@code text}
   * @param reason     what is wrong
   * @param suggestion a did-you-mean, or null
   */
  public ExpressionException(String text, int offset, String reason, String suggestion) {
    super(render(text, offset, reason, suggestion), null, false, false);
    this.text = text;
    this.column = offset + 1;
    this.reason = reason;
    this.suggestion = suggestion;
  }

  private static String render(String text, int offset, String reason, String suggestion) {
    StringBuilder sb = new StringBuilder(reason).append(" at column ").append(offset + 1);
    if (suggestion != null) sb.append(" (did you mean '").append(suggestion).append("'?)");
    if (text != null && text.indexOf('\n') < 0) {
      sb.append("\n  ").append(text).append("\n  ").append(" ".repeat(Math.max(0, Math.min(offset, text.length())))).append('^');
    }
    return sb.toString();
  }

  public String text() {
    return text;
  }

  /** 1-based column in the text. */
  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }

  /** The did-you-mean, or null. */
  public String suggestion() {
    return suggestion;
  }
}
