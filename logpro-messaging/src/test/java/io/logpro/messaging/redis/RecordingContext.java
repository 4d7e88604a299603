package io.logpro.messaging.redis;

import io.logpro.api.Batch;
import io.logpro.api.sink.SinkContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;

/** A sink context for tests that records rejected rows (by their {@code trip_id}) instead of writing a dead-letter output. */
record RecordingContext(String pipelineName, String componentName, BufferAllocator allocator, List<Rejected> rejected)
    implements SinkContext {

  record Rejected(long tripId, String error) {}

  RecordingContext(String pipelineName, String componentName, BufferAllocator allocator) {
    this(pipelineName, componentName, allocator, new CopyOnWriteArrayList<>());
  }

  @Override
  public void reject(Batch batch, int row, String error) {
    rejected.add(new Rejected(((BigIntVector) batch.root().getVector("trip_id")).get(row), error));
  }

  List<Long> rejectedIds() {
    return rejected.stream().map(Rejected::tripId).toList();
  }
}
