package io.logpro.core.engine;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.DeadLetter;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** What travels on the pipeline's queues. */
final class Units {
  private Units() {}

  /** Read but not yet decoded; {@code positions} is the last position per partition of the unit. */
  sealed interface Unit permits Messages, Columnar, Unreadable, Barrier, End {}

  record Messages(long seq, List<RawMessage> messages, Checkpoint positions) implements Unit {}

  record Columnar(long seq, VectorSchemaRoot root, Position[] rowPositions, Checkpoint positions) implements Unit {}

  record Unreadable(long seq, DeadLetter letter, Checkpoint positions) implements Unit {}

  record End() implements Unit {}

  /** Every sink commits what it holds, then counts down (a rebalance waits on it). */
  record Barrier(java.util.concurrent.CountDownLatch latch) implements Unit {}

  /** One unit's rows for one sink; {@code batch} is null when none of its rows reach this sink. */
  record SinkWork(long seq, Batch batch, Checkpoint unitPositions, Checkpoint cumulative, boolean end,
      java.util.concurrent.CountDownLatch barrier) {
    SinkWork(long seq, Batch batch, Checkpoint unitPositions, Checkpoint cumulative) {
      this(seq, batch, unitPositions, cumulative, false, null);
    }

    static SinkWork endOfInput() {
      return new SinkWork(-1, null, Checkpoint.empty(), Checkpoint.empty(), true, null);
    }

    static SinkWork barrier(java.util.concurrent.CountDownLatch latch) {
      return new SinkWork(-1, null, Checkpoint.empty(), Checkpoint.empty(), false, latch);
    }
  }
}
