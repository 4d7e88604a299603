package io.logpro.processors;

import io.logpro.api.Batch;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorContext;

/**
 * Holds the ownership rule of {@link Processor#process} in one place: the input is released
 * unless it is what {@link #apply} returned, also when {@link #apply} throws.
 */
public abstract class BatchProcessor implements Processor {

  @Override
  public final Batch process(Batch input, ProcessorContext context) throws Exception {
    Batch out = null;
    try {
      out = input.rowCount() == 0 ? input : apply(input, context);
      return out;
    } finally {
      if (out != input) input.release();
    }
  }

  /** Produces the output; must not release {@code input}, may return it unchanged. */
  protected abstract Batch apply(Batch input, ProcessorContext context) throws Exception;

  /** A batch of rows {@code rows[0..count)} of {@code input}, covering the same positions. */
  protected static Batch keep(Batch input, int[] rows, int count, ProcessorContext context) {
    var root = Rows.select(input.root(), rows, count, context.allocator());
    var origins = input.origins() == null ? null : input.origins().select(rows, count);
    return input.derive(root, origins);
  }
}
