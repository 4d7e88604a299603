package io.logpro.cli;

import io.logpro.generate.TaxiGenerator;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "generate", description = "Write a reproducible workload (the NYC yellow taxi trips of 2024, with a known share of dirty and malformed rows).")
final class GenerateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "WORKLOAD", description = "What to generate: taxi.") String workload;

  @Option(names = "--rows", required = true, description = "How many rows.") long rows;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same bytes.") long seed;

  @Option(names = "--start", defaultValue = "0", description = "First row index (to generate a later part of the same stream).") long start;

  @Option(names = "--format", defaultValue = "ndjson", description = "ndjson or csv.") String format;

  @Option(names = "--out", defaultValue = "-", description = "A file path, or - for standard output.") String out;

  @Option(names = "--threads", defaultValue = "0", description = "Encoding threads (0: one per core).") int threads;

  @Option(names = "--to", defaultValue = "file", description = "file (see --out) or kafka (see --brokers, --topic).") String to;

  @Option(names = "--brokers", description = "Kafka bootstrap servers, HOST:PORT[,HOST:PORT].") String brokers;

  @Option(names = "--topic", description = "Kafka topic; created with --partitions when absent.") String topic;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions of a topic that has to be created.") int partitions;

  @Option(names = "--rate", defaultValue = "0", description = "Rows per second (0: as fast as possible).") double rate;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!workload.equals("taxi")) {
      spec.commandLine().getErr().println("logpro generate: unknown workload '" + workload + "' (expected: taxi)");
      return Main.USAGE;
    }
    if (!format.equals("ndjson") && !format.equals("csv")) {
      spec.commandLine().getErr().println("logpro generate: --format must be ndjson or csv, found '" + format + "'");
      return Main.USAGE;
    }
    if (rows < 0 || start < 0) {
      spec.commandLine().getErr().println("logpro generate: --rows and --start must not be negative");
      return Main.USAGE;
    }
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    TaxiGenerator gen = new TaxiGenerator(seed);
    if (to.equals("kafka")) {
      if (brokers == null || topic == null) {
        spec.commandLine().getErr().println("logpro generate: --to kafka needs --brokers and --topic");
        return Main.USAGE;
      }
      long sent = KafkaGenerate.send(gen, brokers, topic, partitions, start, rows, rate, format.equals("csv"));
      spec.commandLine().getErr().printf("logpro generate: %,d rows sent to %s on %s%n", sent, topic, brokers);
      return Main.OK;
    }
    if (!to.equals("file")) {
      spec.commandLine().getErr().println("logpro generate: --to must be file or kafka, found '" + to + "'");
      return Main.USAGE;
    }
    Path tmp = null;
    OutputStream os;
    if (out.equals("-")) {
      os = new FileOutputStream(FileDescriptor.out);
    } else {
      Path target = Path.of(out).toAbsolutePath();
      if (target.getParent() != null) Files.createDirectories(target.getParent());
      // written beside the target and renamed in, so that a watching file source never sees half a file
      tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
      os = Files.newOutputStream(tmp);
    }
    try (OutputStream buffered = new BufferedOutputStream(os, 1 << 20)) {
      if (format.equals("csv")) gen.writeCsv(buffered, start, rows, true, t);
      else gen.writeNdjson(buffered, start, rows, t);
    }
    if (tmp != null) Files.move(tmp, Path.of(out).toAbsolutePath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return Main.OK;
  }
}
