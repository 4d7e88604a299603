package io.logpro.api;

import org.apache.arrow.memory.BufferAllocator;

/** What the engine tells a component about where it runs. */
public interface PipelineContext {
  /** The pipeline's name (from the config's {@code pipeline:} key). */
  String pipelineName();

  /** The component's name within the pipeline ("bronze", "source"). */
  String componentName();

  /** A child of the pipeline's allocator for this component; closed by the engine after {@code close()}. */
  BufferAllocator allocator();
}
