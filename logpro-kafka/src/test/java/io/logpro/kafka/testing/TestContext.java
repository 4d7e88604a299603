package io.logpro.kafka.testing;

import io.logpro.api.PipelineContext;
import org.apache.arrow.memory.BufferAllocator;

/** A {@link PipelineContext} for tests; the allocator stays the test's to close. */
public record TestContext(String pipelineName, String componentName, BufferAllocator allocator) implements PipelineContext {}
