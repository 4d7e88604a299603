package io.logpro.core.engine;

/** How a run ended. {@code failure} is null when it ended well (finite input done, or drained on stop). */
public record PipelineResult(PipelineState state, Throwable failure, PipelineStats stats) {
  public boolean succeeded() {
    return failure == null;
  }
}
