package io.logpro.cli;

import io.logpro.api.config.MapConfig;
import io.logpro.api.source.Source;
import io.logpro.core.ComponentRegistry;
import io.logpro.core.engine.ComponentContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The training run of the launcher's AOT cache (see {@code ./logpro}): the JVM records which
 * classes this run loads and which methods it runs hot, and the next starts begin with them. So
 * the run touches what a streaming start touches: the client of each message broker logpro can
 * read (opened against an address where nothing listens, as no broker is at hand here), then a
 * whole pipeline with its warm-up, Parquet files and Iceberg commits.
 */
@Command(name = "train-start-up", hidden = true, description = "The launcher's AOT cache training run (internal).")
final class TrainStartUpCommand implements Callable<Integer> {
  /** Client sources to open briefly, with the config that points them at nothing. */
  private static final Map<String, Map<String, Object>> CLIENTS = Map.of(
      "kafka", Map.of("brokers", List.of("127.0.0.1:9"), "topics", List.of("logpro-training"), "group", "logpro-training"));

  @Parameters(paramLabel = "FILE", description = "The pipeline to run (the quickstart).") Path file;

  @Override
  public Integer call() throws Exception {
    ComponentRegistry registry = Registry.get();
    for (var client : CLIENTS.entrySet()) {
      if (registry.types(ComponentRegistry.SOURCE).contains(client.getKey())) touch(registry, client.getKey(), client.getValue());
    }
    return Main.execute("run", "--progress", "never", file.toString());
  }

  private static void touch(ComponentRegistry registry, String type, Map<String, Object> values) {
    var spec = registry.spec(ComponentRegistry.SOURCE, type).orElseThrow();
    try (BufferAllocator allocator = new RootAllocator()) {
      Source source = registry.source(type).create(new MapConfig(type, "source", spec, values));
      try {
        source.open(new ComponentContext("logpro-training", "source", allocator));
        source.read(100, Duration.ofMillis(300));
      } finally {
        source.close();
      }
    } catch (Exception | LinkageError e) {
      // nothing listens there: what was loaded until the failure is what the cache needs
    }
  }
}
