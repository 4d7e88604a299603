package io.logpro.iceberg;

import io.logpro.api.Batch;
import io.logpro.api.sink.SinkContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A sink context that records the rows a sink sends to the dead-letter output (with the row's {@code id}, read at once). */
record RecordingContext(String pipelineName, String componentName, BufferAllocator allocator, List<Rejected> rejected)
    implements SinkContext {

  record Rejected(int row, Object id, String reason) {}

  RecordingContext(String pipelineName, String componentName, BufferAllocator allocator) {
    this(pipelineName, componentName, allocator, Collections.synchronizedList(new ArrayList<>()));
  }

  @Override
  public void reject(Batch batch, int row, String error) {
    var id = batch.root().getVector("id");
    rejected.add(new Rejected(row, id == null ? null : id.getObject(row), error));
  }
}
