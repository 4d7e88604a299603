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

  @Override
  default void close() throws Exception {}
}
