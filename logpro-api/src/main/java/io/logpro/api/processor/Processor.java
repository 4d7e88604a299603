package io.logpro.api.processor;

import io.logpro.api.Batch;

/**
 * {@code Batch -> Batch}. Works on Arrow vectors, not per-row objects. Row-level failures do not
 * throw: the rows go to {@link ProcessorContext#reject} and the rest of the batch goes on.
 */
public interface Processor extends AutoCloseable {

  default void open(ProcessorContext context) throws Exception {}

  /**
   * Processes {@code input}. The processor owns {@code input} and must release it (or return
   * it); the caller owns what is returned. Returns null when nothing goes on.
   */
  Batch process(Batch input, ProcessorContext context) throws Exception;

  /**
   * True when processing touches nothing outside this instance: no calls to other systems and no
   * state carried from one batch to the next. The engine then warms a fresh instance up on
   * synthetic rows before real input arrives; other processors (and what follows them) are not warmed.
   */
  default boolean sideEffectFree() {
    return false;
  }

  @Override
  default void close() throws Exception {}
}
