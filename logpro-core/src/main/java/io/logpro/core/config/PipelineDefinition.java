package io.logpro.core.config;

import io.logpro.api.config.Config;
import java.time.Duration;
import java.util.List;

/** A pipeline file, validated: what to build and how to run it. */
public record PipelineDefinition(
    String name,
    String file,
    Config source,
    Config format,
    List<Config> processing,
    List<SinkDefinition> sinks,
    Config dlq,
    Engine engine,
    Reliability reliability) {

  /** One named sink with the processors of its own branch. */
  public record SinkDefinition(String name, Config config, List<Config> processing) {}

  public record Engine(int batchRows, Duration linger, int queueBatches, long queueBytes, long memoryLimit) {}

  public record Reliability(Duration commitInterval, Duration drainTimeout, String stateDir) {}
}
