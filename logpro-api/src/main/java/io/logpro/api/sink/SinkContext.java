package io.logpro.api.sink;

import io.logpro.api.Batch;
import io.logpro.api.PipelineContext;

/**
 * What the engine hands a sink in {@link Sink#open}: besides the pipeline context, a way to send
 * single rows the target refused (a constraint violation, a value the column type cannot hold)
 * to the dead-letter output, so that one bad row does not fail its whole batch.
 *
 * <p>Rows rejected during {@code write} or {@code commit} are durable in the dead-letter output
 * before that sink's next {@code commit} returns: nothing is acknowledged that is neither written
 * nor dead-lettered. After a crash between the two, a replay may dead-letter a row again.
 */
public interface SinkContext extends PipelineContext {

  /** Sends row {@code row} of {@code batch} to the dead-letter output with {@code error}; stage and source are filled in. */
  void reject(Batch batch, int row, String error);

  /** The context of a sink that runs outside a pipeline (tests, tools): a rejected row fails loudly. */
  static SinkContext of(PipelineContext context) {
    if (context instanceof SinkContext s) return s;
    return withRejects(context, (error, row) -> {
      throw new IllegalStateException("row " + row + " rejected by sink " + context.componentName() + ": " + error);
    });
  }

  /** {@code context}, with rejected rows dropped: for a sink's {@link Sink#warmUp} copy, whose rows are synthetic. */
  static SinkContext discardingRejects(PipelineContext context) {
    return withRejects(context, (error, row) -> {});
  }

  private static SinkContext withRejects(PipelineContext context, java.util.function.ObjIntConsumer<String> onReject) {
    return new SinkContext() {
      @Override
      public String pipelineName() {
        return context.pipelineName();
      }

      @Override
      public String componentName() {
        return context.componentName();
      }

      @Override
      public org.apache.arrow.memory.BufferAllocator allocator() {
        return context.allocator();
      }

      @Override
      public void reject(Batch batch, int row, String error) {
        onReject.accept(error, row);
      }
    };
  }
}
