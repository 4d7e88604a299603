package io.logpro.processors;

import io.logpro.api.Batch;
import io.logpro.api.DeadLetter;
import io.logpro.api.processor.ProcessorContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A processor context that records rejects: the row index in the input batch and the reason. */
public final class TestContext implements ProcessorContext {
  public record Reject(int row, String error) {}

  private final BufferAllocator allocator;
  public final List<Reject> rejects = new ArrayList<>();
  public final List<DeadLetter> letters = new ArrayList<>();

  public TestContext(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  @Override
  public String pipelineName() {
    return "test";
  }

  @Override
  public String componentName() {
    return "processor";
  }

  @Override
  public BufferAllocator allocator() {
    return allocator;
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    letters.add(letter);
  }

  @Override
  public void reject(Batch batch, int row, String error) {
    if (batch.refCount() <= 0) throw new IllegalStateException("reject on a released batch");
    if (row < 0 || row >= batch.rowCount()) throw new IllegalArgumentException("row " + row + " out of range");
    rejects.add(new Reject(row, error));
  }

  public List<Integer> rejectedRows() {
    return rejects.stream().map(Reject::row).toList();
  }

  public List<String> reasons() {
    return rejects.stream().map(Reject::error).toList();
  }
}
