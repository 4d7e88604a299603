package io.logpro.messaging.redis;

/** What happens to rows whose commands are still unconfirmed after the last retry. */
public enum OnExhausted {
  /** The rows go to the dead-letter output with the last error; the pipeline goes on. */
  DEAD_LETTER,
  /** The batch fails, so the pipeline stops and its positions stay where they were (redelivered on restart). */
  FAIL;

  public static OnExhausted of(String configName) {
    return configName.equals("fail") ? FAIL : DEAD_LETTER;
  }
}
