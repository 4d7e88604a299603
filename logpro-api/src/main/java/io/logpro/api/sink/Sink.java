package io.logpro.api.sink;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;

/**
 * Writes batches somewhere. {@code write} may buffer; {@code commit} makes everything written
 * so far durable. Called from one thread. A sink that can store positions atomically with its
 * data implements {@link Transactional}.
 */
public interface Sink extends AutoCloseable {

  void open(PipelineContext context) throws Exception;

  /** Writes a batch. The caller keeps its reference; a sink that holds the batch past return retains it. */
  void write(Batch batch) throws Exception;

  /**
   * Makes every batch written so far durable. {@code checkpoint} covers exactly those batches;
   * a {@link Transactional} sink stores it with the data in one atomic step.
   */
  void commit(Checkpoint checkpoint) throws Exception;

  /** Bytes or rows the sink holds uncommitted suggest a commit now (a target file size reached). */
  default boolean wantsCommit() {
    return false;
  }

  /**
   * Runs this sink's write and commit code on {@code sample} (synthetic rows shaped like the
   * real ones) against a throwaway destination, so that the first real batch does not pay for
   * loading and interpreting that code. Never touches the real destination. Called at most once,
   * after {@link #open}, on the engine's warm-up thread while {@code write} and {@code commit} may
   * run on the sink's own: it must not use the state they use. The caller keeps {@code sample}.
   */
  default void warmUp(Batch sample) throws Exception {}

  @Override
  void close() throws Exception;
}
