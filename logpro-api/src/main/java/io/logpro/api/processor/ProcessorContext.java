package io.logpro.api.processor;

import io.logpro.api.Batch;
import io.logpro.api.DeadLetter;
import io.logpro.api.PipelineContext;

/** What a processor may do besides returning its output: send rows to the dead-letter output. */
public interface ProcessorContext extends PipelineContext {
  /** Sends a prepared dead letter. */
  void deadLetter(DeadLetter letter);

  /** Sends row {@code row} of {@code batch} to the dead-letter output with {@code error}; stage and source are filled in. */
  void reject(Batch batch, int row, String error);
}
