package io.logpro.cli;

import io.logpro.api.config.Config;
import io.logpro.api.config.MapConfig;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.dlq.DeadLetterFiles;
import io.logpro.core.dlq.DeadLetterRoutes;
import io.logpro.core.dlq.StoredLetter;
import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logpro dlq inspect|replay}: what went to a pipeline's dead-letter output, and feeding it back after a fix. */
@Command(name = "dlq", description = "Inspect or replay a pipeline's dead-letter folder (file sink NDJSON or parquet sink).",
    subcommands = {DlqCommand.Inspect.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The dead-letter folder of a pipeline (its file DLQ's path), or the one given. */
  static Path folder(PipelineDefinition def, Path override) {
    if (override != null) return override;
    Config dlq = def.dlq();
    if (!(dlq.type().equals("file") || dlq.type().equals("parquet")) || !dlq.has("path")) {
      throw new IllegalArgumentException("pipeline " + def.name() + " has a '" + dlq.type()
          + "' dead-letter output; only file (NDJSON) and parquet dead-letter folders can be read back (give --path)");
    }
    return Path.of(dlq.string("path"));
  }

  @Command(name = "inspect", description = "Counts of dead letters by stage and error, with sample rows (raw bytes shown safely).")
  static final class Inspect implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The pipeline YAML file (its DLQ folder is read).") Path file;
    @Option(names = "--path", description = "A dead-letter folder, instead of the pipeline's.") Path path;
    @Option(names = "--samples", defaultValue = "3", description = "Sample rows per group (default ${DEFAULT-VALUE}).") int samples;
    @Option(names = "--width", defaultValue = "160", description = "Longest raw text shown per sample.") int width;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path dir = path;
      if (dir == null) {
        if (file == null) {
          spec.commandLine().getErr().println("logpro dlq inspect: give a pipeline file or --path DIR");
          return Main.USAGE;
        }
        PipelineDefinition def = ValidateCommand.load(file, spec);
        if (def == null) return Main.USAGE;
        dir = folder(def, null);
      }
      Map<String, Group> groups = new TreeMap<>();
      long[] total = {0};
      DeadLetterFiles.forEach(dir, l -> {
        total[0]++;
        groups.computeIfAbsent(l.stage() + "\u0000" + errorKind(l.error()), k -> new Group(l.stage(), errorKind(l.error()))).add(l, samples);
      });
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %,d dead letters in %d group%s%n", dir, total[0], groups.size(), groups.size() == 1 ? "" : "s");
      List<Group> sorted = new ArrayList<>(groups.values());
      sorted.sort((a, b) -> Long.compare(b.count, a.count));
      for (Group g : sorted) {
        out.printf("%n%,10d  %s  %s%n", g.count, g.stage, g.kind);
        for (StoredLetter l : g.samples) {
          out.printf("            at %s %s  (%s:%d)%n", l.partition() == null ? "?" : l.partition(), l.sequence() == null ? "?" : l.sequence(),
              l.file().getFileName(), l.line());
          out.printf("            error: %s%n", l.error());
          out.printf("            raw:   %s%n", showSafely(l.raw(), width));
        }
      }
      out.flush();
      return Main.OK;
    }
  }

  /** Letters of one stage and error kind. */
  static final class Group {
    final String stage;
    final String kind;
    long count;
    final List<StoredLetter> samples = new ArrayList<>();

    Group(String stage, String kind) {
      this.stage = stage;
      this.kind = kind;
    }

    void add(StoredLetter l, int maxSamples) {
      count++;
      if (samples.size() < maxSamples) samples.add(l);
    }
  }

  /** An error message with its values taken out, so that "fare -12.5" and "fare -3" count as one kind. */
  static String errorKind(String error) {
    if (error == null) return "(no error text)";
    String s = error.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("-?\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b", "#");
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  /**
   * Raw bytes for a terminal: printable UTF-8 as text with control characters escaped, anything
   * else as hex; never more than {@code width} characters (a record can be huge or hostile).
   */
  static String showSafely(byte[] raw, int width) {
    if (raw == null) return "(none)";
    String text;
    var decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      text = decoder.decode(java.nio.ByteBuffer.wrap(raw)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      StringBuilder hex = new StringBuilder("hex ");
      for (int i = 0; i < raw.length && hex.length() < width; i++) hex.append(String.format("%02x", raw[i]));
      return hex + (raw.length * 2 + 4 > width ? "… (" + raw.length + " bytes, not UTF-8)" : " (not UTF-8)");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length() && sb.length() < width; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.length() >= width || sb.length() < text.length() ? sb + "… (" + raw.length + " bytes)" : sb.toString();
  }

  @Command(name = "replay", description = "Feed dead-lettered records back through the pipeline after a fix. Rows rejected before the sinks go to "
      + "every sink, rows a sink's branch rejected only to that sink. Positions are stored as for any run: replaying twice does not duplicate "
      + "(with transactional sinks). Rows that fail again go to <dlq>/_replay_failed.")
  static final class Replay implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The pipeline YAML file (fixed).") Path file;
    @Option(names = "--path", description = "A dead-letter folder, instead of the pipeline's.") Path path;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PipelineDefinition def = ValidateCommand.load(file, spec);
      if (def == null) return Main.USAGE;
      Path dir = folder(def, path);
      Map<String, Long> byRoute = new LinkedHashMap<>();
      DeadLetterFiles.forEach(dir, l -> byRoute.merge(l.route(), 1L, Long::sum));
      PrintWriter out = spec.commandLine().getOut();
      if (byRoute.isEmpty()) {
        out.printf("%s: no dead letters to replay%n", dir);
        return Main.OK;
      }
      int exit = Main.OK;
      for (Map.Entry<String, Long> e : byRoute.entrySet()) {
        String route = e.getKey();
        List<PipelineDefinition.SinkDefinition> sinks = route.equals(DeadLetterRoutes.ALL) ? def.sinks()
            : def.sinks().stream().filter(s -> s.name().equals(route)).toList();
        if (sinks.isEmpty()) {
          spec.commandLine().getErr().printf("logpro dlq replay: %,d letters of sink '%s', which the pipeline no longer has: left in place%n", e.getValue(), route);
          continue;
        }
        Config source = new MapConfig("dlq", "source", Registry.get().spec(io.logpro.core.ComponentRegistry.SOURCE, "dlq").orElseThrow(),
            Map.of("path", dir.toString(), "route", route));
        Config failed = new MapConfig("file", "dlq", Registry.get().spec(io.logpro.core.ComponentRegistry.SINK, "file").orElseThrow(),
            Map.of("path", dir.resolve("_replay_failed").toString()));
        PipelineDefinition replay = new PipelineDefinition(def.name() + "-replay", def.file(), source, def.format(), def.processing(), sinks,
            failed, def.engine(), def.reliability());
        out.printf("replaying %,d letters of route %s into %s%n", e.getValue(), route.equals(DeadLetterRoutes.ALL) ? "(all sinks)" : route,
            sinks.stream().map(PipelineDefinition.SinkDefinition::name).toList());
        PipelineResult r = new Pipeline(replay, Registry.get()).run();
        RunCommand.printSummary(replay, r, out);
        if (!r.succeeded()) exit = Main.PIPELINE_FAILED;
      }
      return exit;
    }
  }
}
