package io.logpro.postgres;

import io.logpro.api.Batch;
import io.logpro.api.sink.SinkContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A sink context that records the rows a sink rejects: the row's first column as text, and the error. */
final class RecordingContext implements SinkContext {
  /** One rejected row: its index in its batch, the value of its first column, the error. */
  record Reject(int row, Object firstColumn, String error) {}

  private final String pipeline;
  private final String component;
  private final BufferAllocator allocator;
  final List<Reject> rejects = new ArrayList<>();

  RecordingContext(String pipeline, String component, BufferAllocator allocator) {
    this.pipeline = pipeline;
    this.component = component;
    this.allocator = allocator;
  }

  @Override
  public String pipelineName() {
    return pipeline;
  }

  @Override
  public String componentName() {
    return component;
  }

  @Override
  public BufferAllocator allocator() {
    return allocator;
  }

  @Override
  public void reject(Batch batch, int row, String error) {
    Object first = batch.root().getVector(0).getObject(row);
    rejects.add(new Reject(row, first == null ? null : first.toString(), error));
  }
}
