package io.logpro.cli;

import io.logpro.api.config.ConfigException;
import io.logpro.core.config.Interpolator;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.config.PipelineLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", description = "Check a pipeline file without running it: every problem with its line, key and what was expected.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The pipeline YAML file.") Path file;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PipelineDefinition def = load(file, spec);
    if (def == null) return Main.USAGE;
    spec.commandLine().getOut().printf("%s: pipeline '%s' is valid (source %s, sinks %s)%n", file, def.name(), def.source().type(),
        def.sinks().stream().map(s -> s.name() + ":" + s.config().type()).toList());
    return Main.OK;
  }

  /** Loads and validates, printing problems to stderr; null when invalid. */
  static PipelineDefinition load(Path file, picocli.CommandLine.Model.CommandSpec spec) {
    try {
      return new PipelineLoader(Registry.get(), Interpolator.fromEnvironment()).load(file);
    } catch (ConfigException e) {
      var err = spec.commandLine().getErr();
      int n = e.problems().size();
      err.printf("%s: %d problem%s%n", file, n, n == 1 ? "" : "s");
      e.problems().forEach(p -> err.println("  " + p));
      return null;
    }
  }
}
