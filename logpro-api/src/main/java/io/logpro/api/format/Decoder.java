package io.logpro.api.format;

import io.logpro.api.RawMessage;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns messages into one Arrow batch. A message that does not parse or does not fit the schema
 * is listed in {@link DecodeResult#rejects()} with its reason; the others are decoded. The
 * schema is explicit (from config) or inferred from the first messages, and then stays fixed.
 */
public interface Decoder extends AutoCloseable {

  DecodeResult decode(List<RawMessage> messages, BufferAllocator allocator);

  /** The schema of the batches, or null while it is still to be inferred. */
  Schema schema();

  /**
   * Up to {@code count} synthetic messages of the kind this decoder reads, made from its declared
   * schema (varied values, some nulls, a few it rejects), without positions. The engine runs them
   * through fresh copies of the pipeline before real input arrives, so that the first real records
   * do not pay for loading and interpreting the code. Empty when the decoder cannot make them (a
   * schema still to be inferred).
   */
  default List<RawMessage> sample(int count) {
    return List.of();
  }

  @Override
  default void close() {}
}
