package io.logpro.core.engine;

import io.logpro.api.PipelineContext;
import org.apache.arrow.memory.BufferAllocator;

/** What a component is told of where it runs: its pipeline, its name, its allocator. */
public record ComponentContext(String pipelineName, String componentName, BufferAllocator allocator) implements PipelineContext {}
