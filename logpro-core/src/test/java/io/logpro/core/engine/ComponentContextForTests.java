package io.logpro.core.engine;

import io.logpro.api.PipelineContext;
import org.apache.arrow.memory.BufferAllocator;

/** A component context for tests of single components. */
public final class ComponentContextForTests {
  private ComponentContextForTests() {}

  public static PipelineContext of(BufferAllocator allocator) {
    return new ComponentContext("test", "component", allocator);
  }
}
