package io.logpro.core.engine;

import io.logpro.api.PipelineContext;
import org.apache.arrow.memory.BufferAllocator;

record ComponentContext(String pipelineName, String componentName, BufferAllocator allocator) implements PipelineContext {}
