package io.logpro.cli;

import io.logpro.core.config.SpecDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "docs", description = "Print the configuration reference (Markdown) or the JSON Schema of pipeline files, made from the components' specs.")
final class DocsCommand implements Callable<Integer> {
  @Option(names = "--json-schema", description = "Print the JSON Schema instead of Markdown.") boolean jsonSchema;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(jsonSchema ? SpecDocs.jsonSchema(Registry.get()) : SpecDocs.markdown(Registry.get()));
    return Main.OK;
  }
}
