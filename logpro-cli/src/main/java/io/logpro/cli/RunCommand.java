package io.logpro.cli;

import io.logpro.api.config.ConfigException;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineResult;
import io.logpro.core.engine.PipelineStats;
import io.logpro.core.observe.Observability;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "run", description = "Run a pipeline until its input ends (bounded sources) or until SIGTERM/SIGINT, which drains and commits.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Parameters(paramLabel = "FILE", description = "The pipeline YAML file.") Path file;

  @Option(names = "--progress", description = "Live progress line: auto (on a terminal), always or never.", defaultValue = "auto")
  String progress;

  @Option(names = "--admin-port", paramLabel = "N",
      description = "Serve /healthz, /readyz, /metrics and /api/pipeline on this port (0: any free one), overriding observability.admin.port.")
  Integer adminPort;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PipelineDefinition def = ValidateCommand.load(file, spec);
    if (def == null) return Main.USAGE;
    Pipeline pipeline;
    Observability observability;
    try {
      if (adminPort != null) {
        if (adminPort < 0 || adminPort > 65_535) {
          spec.commandLine().getErr().println("logpro: --admin-port expects a port from 0 to 65535, found " + adminPort);
          return Main.USAGE;
        }
        def = def.withObservability(new PipelineDefinition.Observability(def.observability().admin().withPort(adminPort),
            def.observability().tracing()));
      }
      pipeline = new Pipeline(def, Registry.get());
      observability = Observability.start(pipeline, def.observability());
    } catch (ConfigException e) {
      e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
      return Main.USAGE;
    } catch (IOException e) {
      spec.commandLine().getErr().println("logpro: " + e.getMessage());
      return Main.USAGE;
    }
    CountDownLatch finished = new CountDownLatch(1);
    installSignals(pipeline, def, finished);
    boolean live = progress.equals("always") || (progress.equals("auto") && Terminal.isTerminal(2));
    Thread reporter = Thread.ofPlatform().daemon().name("logpro-progress").start(() -> report(pipeline, live));
    PipelineResult result;
    try {
      result = pipeline.run();
    } catch (ConfigException e) {
      reporter.interrupt();
      spec.commandLine().getErr().println(file + ": " + e.getMessage());
      return Main.USAGE;
    } finally {
      finished.countDown();
      observability.close();
    }
    reporter.interrupt();
    reporter.join(1000);
    if (live) System.err.print("\r\033[K");
    printSummary(def, result, spec.commandLine().getOut());
    if (result.failure() instanceof ConfigException ce) {
      ce.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
      return Main.USAGE;
    }
    if (!result.succeeded()) {
      spec.commandLine().getErr().println("logpro: pipeline " + def.name() + " failed: " + describe(result.failure()));
      return Main.PIPELINE_FAILED;
    }
    return Main.OK;
  }

  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage() == null ? t.toString() : t.getMessage()));
    Throwable c = t.getCause();
    int depth = 0;
    while (c != null && depth++ < 3) {
      if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) sb.append(": ").append(c.getMessage());
      c = c.getCause();
    }
    return sb.toString();
  }

  /** First SIGTERM/SIGINT drains; a second one, or the drain timeout, exits 1 at once (nothing unacknowledged is lost). */
  private static void installSignals(Pipeline pipeline, PipelineDefinition def, CountDownLatch finished) {
    AtomicInteger signals = new AtomicInteger();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), sig -> {
          if (signals.incrementAndGet() > 1) {
            System.err.println("logpro: second signal, exiting without draining");
            Runtime.getRuntime().halt(Main.PIPELINE_FAILED);
          }
          pipeline.stop();
          Thread.ofPlatform().daemon().start(() -> {
            try {
              if (!finished.await(def.reliability().drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("logpro: drain did not finish within " + def.reliability().drainTimeout() + ", exiting");
                Runtime.getRuntime().halt(Main.PIPELINE_FAILED);
              }
            } catch (InterruptedException ignored) {
              Thread.currentThread().interrupt();
            }
          });
        });
      } catch (IllegalArgumentException e) {
        log.debug("signal {} cannot be handled here", name);
      }
    }
  }

  private static void report(Pipeline pipeline, boolean live) {
    PipelineStats s = pipeline.stats();
    long lastLog = System.nanoTime();
    try {
      while (true) {
        Thread.sleep(live ? 250 : 1000);
        double secs = s.elapsedSeconds();
        long read = s.recordsRead.get();
        if (live) {
          StringBuilder sb = new StringBuilder("\r\033[K").append(pipeline.state().name().toLowerCase()).append("  read ").append(fmt(read));
          for (Map.Entry<String, AtomicLong> e : s.rowsWrittenBySink().entrySet()) {
            if (!e.getKey().equals("dlq")) sb.append("  ").append(e.getKey()).append(' ').append(fmt(e.getValue().get()));
          }
          sb.append("  dlq ").append(fmt(s.deadLetters.get())).append("  ").append(fmt((long) (read / Math.max(secs, 1e-3)))).append(" rows/s");
          System.err.print(sb);
          System.err.flush();
        } else if (System.nanoTime() - lastLog > 10_000_000_000L) {
          lastLog = System.nanoTime();
          log.info("progress: state={} read={} written={} dlq={} rows_per_s={}", pipeline.state(), read, s.rowsWrittenBySink(),
              s.deadLetters.get(), (long) (read / Math.max(secs, 1e-3)));
        }
      }
    } catch (InterruptedException e) {
      // run ended
    }
  }

  static String fmt(long n) {
    return String.format("%,d", n);
  }

  static void printSummary(PipelineDefinition def, PipelineResult result, PrintWriter out) {
    PipelineStats s = result.stats();
    double secs = s.elapsedSeconds();
    out.printf("pipeline %s %s in %.1f s%n", def.name(), result.succeeded() ? "finished" : "FAILED", secs);
    out.printf("  %-18s %,14d%n", "rows read", s.recordsRead.get());
    for (var sd : def.sinks()) {
      long written = s.rowsWritten(sd.name()).get();
      long skipped = s.rowsSkipped(sd.name()).get();
      String target = sd.config().has("table") ? sd.config().string("table") : sd.config().type();
      out.printf("  %-18s %,14d rows -> %s%s%n", sd.name(), written, target,
          skipped > 0 ? String.format(" (%,d already committed, skipped)", skipped) : "");
    }
    String dlqWhere = def.dlq().has("path") ? def.dlq().string("path") : def.dlq().type();
    out.printf("  %-18s %,14d rows -> %s%n", "dead letters", s.deadLetters.get(), dlqWhere);
    out.printf("  %-18s %14.1f s%n", "seconds", secs);
    out.printf("  %-18s %,14d rows/s%n", "throughput", (long) (s.recordsRead.get() / Math.max(secs, 1e-3)));
    out.flush();
  }
}
