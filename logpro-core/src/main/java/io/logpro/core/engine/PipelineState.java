package io.logpro.core.engine;

/** The lifecycle of a pipeline, in order; FAILED may follow any state. */
public enum PipelineState {
  INIT,
  OPEN,
  RUNNING,
  STOPPING,
  DRAINING,
  CLOSED,
  FAILED
}
