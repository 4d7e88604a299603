package io.logpro.cdc;

import io.logpro.api.PipelineContext;
import org.apache.arrow.memory.BufferAllocator;

/** A pipeline context for one source in a test. */
record TestContext(String pipelineName, BufferAllocator allocator) implements PipelineContext {
  @Override
  public String componentName() {
    return "source";
  }
}
