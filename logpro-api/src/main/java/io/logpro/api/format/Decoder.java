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

  @Override
  default void close() {}
}
