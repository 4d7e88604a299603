package io.logpro.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real {@code logpro} command as its own OS process (the packaged jar and its lib/), so tests can kill it. */
final class LogproProcess {
  private LogproProcess() {}

  static Path moduleDir() {
    Path p = Path.of("").toAbsolutePath();
    return Files.isDirectory(p.resolve("target")) ? p : p.resolve("logpro-cli");
  }

  static Path repoDir() {
    return moduleDir().getParent();
  }

  static String classPath() throws IOException {
    Path target = moduleDir().resolve("target");
    List<String> cp = new ArrayList<>();
    try (Stream<Path> s = Files.list(target)) {
      s.filter(p -> p.getFileName().toString().matches("logpro-cli-.*\\.jar") && !p.toString().endsWith("-tests.jar"))
          .forEach(p -> cp.add(p.toString()));
    }
    if (cp.isEmpty()) cp.add(target.resolve("classes").toString());
    cp.add(target.resolve("lib").toString() + File.separator + "*");
    return String.join(File.pathSeparator, cp);
  }

  static Process start(Path workDir, Map<String, String> env, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "-Xmx512m", "-XX:+UseParallelGC", "-cp", classPath(), "io.logpro.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    pb.environment().put("LOGPRO_LOG_FORMAT", "text");
    return pb.start();
  }

  /** Runs to the end and returns the exit code; fails the test after {@code timeoutSeconds}. */
  static int run(Path workDir, Map<String, String> env, Path log, long timeoutSeconds, String... args) throws Exception {
    Process p = start(workDir, env, log, args);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("logpro " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s; log:\n" + tail(log));
    }
    return p.exitValue();
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
