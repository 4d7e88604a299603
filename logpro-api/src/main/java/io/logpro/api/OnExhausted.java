package io.logpro.api;

import io.logpro.api.config.Config;
import io.logpro.api.config.FieldSpec;

/**
 * What a sink does with rows it still cannot deliver after the last attempt of its
 * {@link RetryPolicy}: declared with {@link #field(String)}, read with {@link #from(Config)}.
 */
public enum OnExhausted {
  /** The rows go to the dead-letter output with the last error; the pipeline goes on. */
  DEAD_LETTER,
  /** The batch fails, so the pipeline stops and its positions stay where they were (redelivered on restart). */
  FAIL;

  /** The {@code on_exhausted:} field; {@code what} names what failed ("a failing request", "unconfirmed commands"). */
  public static FieldSpec field(String what) {
    return FieldSpec.oneOf("on_exhausted", "After the last retry of " + what + ": dead_letter sends their rows to the"
        + " dead-letter output; fail stops the pipeline (the rows are delivered again on restart).", "dead_letter", "fail")
        .withDefault("dead_letter");
  }

  public static OnExhausted from(Config config) {
    return "fail".equals(config.string("on_exhausted")) ? FAIL : DEAD_LETTER;
  }
}
