package io.logpro.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code logpro} command. Exit codes: 0 ok, 1 pipeline failure, 2 usage or config error. */
@Command(
    name = "logpro",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Streaming ingestion: read records from anywhere, carry them as Arrow batches, land them exactly once.",
    subcommands = {RunCommand.class, ValidateCommand.class, GenerateCommand.class, DlqCommand.class, IcebergCommand.class, DocsCommand.class,
        TrainStartUpCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int PIPELINE_FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Logging.configure();
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("logpro: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", e);
      return PIPELINE_FAILED;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
