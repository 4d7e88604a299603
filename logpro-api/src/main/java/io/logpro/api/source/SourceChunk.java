package io.logpro.api.source;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** What one {@link Source#read} returns. */
public sealed interface SourceChunk {

  /** Records as bytes, to be decoded by the pipeline's format. */
  record Messages(List<RawMessage> messages) implements SourceChunk {}

  /**
   * Records already in columns (Parquet, Avro, CDC). The receiver owns {@code root}.
   *
   * @param rowPositions the position of each row; the same length as the row count
   */
  record Columnar(VectorSchemaRoot root, Position[] rowPositions) implements SourceChunk {}

  /**
   * Input the source could not read at all (a truncated file, an unreadable object): it goes to
   * the dead-letter output, and {@code position} counts as processed once that is committed.
   */
  record Unreadable(io.logpro.api.DeadLetter letter, Position position) implements SourceChunk {}

  /** Nothing arrived within the wait; the source is still live. */
  record Idle() implements SourceChunk {}

  /** A finite source has delivered everything. */
  record End() implements SourceChunk {}

  SourceChunk IDLE = new Idle();
  SourceChunk END = new End();
}
