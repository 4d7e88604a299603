package io.logpro.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End-to-end benchmark: taxi trip file → Silver, logpro against DuckDB in the same run.
 *
 * <p>Generates the inputs once (cached under the work dir, row count in the name), then for each
 * format runs, each as its own OS process and alternating so that background load hits both alike:
 * (a) {@code ./logpro run examples/taxi/silver.yaml} with a fresh warehouse, (b) {@link
 * DuckDbSilver} in its own JVM. Each run is measured for wall time (process start to exit) and
 * peak RSS (GNU time's maximum resident set size, or VmHWM polled from /proc when /usr/bin/time is
 * missing). Medians of N runs go into a Markdown table.
 *
 * <pre>
 * java -cp 'logpro-bench/target/logpro-bench-*.jar:logpro-bench/target/lib/*' io.logpro.bench.FileToSilverBenchmark \
 *     [WORK_DIR=./bench-data] [REPEATS=3] [--rows 2964624] [--formats csv,ndjson] [--repo DIR]
 * </pre>
 */
public final class FileToSilverBenchmark {
  /** The size of the real TLC yellow taxi file of January 2024. */
  static final long JANUARY_2024_ROWS = 2_964_624L;
  private static final Path TIME = Path.of("/usr/bin/time");

  record Run(double wallSeconds, long peakRssKb, long rowsIn, long rowsOut, long rejected, double loadBefore, double loadAfter) {}

  record Result(String format, String engine, List<Run> runs) {
    double wall() {
      return median(runs.stream().mapToDouble(Run::wallSeconds).toArray());
    }

    double rssMb() {
      return median(runs.stream().mapToDouble(r -> r.peakRssKb() / 1024.0).toArray());
    }

    long rowsOut() {
      return runs.get(runs.size() - 1).rowsOut();
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    long rows = JANUARY_2024_ROWS;
    List<String> formats = List.of("csv", "ndjson");
    Path repo = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
        case "--formats" -> formats = Arrays.asList(args[++i].split(","));
        case "--repo" -> repo = Path.of(args[++i]);
        default -> {
          // an option this version does not know must not become a positional argument unnoticed
          if (args[i].startsWith("--")) throw new IllegalArgumentException("unknown option " + args[i]);
          positional.add(args[i]);
        }
      }
    }
    Path work = Path.of(positional.isEmpty() ? "bench-data" : positional.get(0)).toAbsolutePath();
    int repeats = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
    repo = repo != null ? repo.toAbsolutePath() : findRepo();
    Path launcher = repo.resolve("logpro");

    printContext(repo, rows, repeats);

    // One build (if sources changed) before anything is timed; the timed runs skip the check.
    exec(repo, List.of(launcher.toString(), "--help"), Map.of(), work.resolve("build.log"));

    List<Result> results = new ArrayList<>();
    for (String format : formats) {
      Path inputDir = generate(launcher, repo, work, rows, format);
      Path input = inputDir.resolve("trips." + format);
      List<Run> logpro = new ArrayList<>();
      List<Run> duck = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        logpro.add(runLogpro(repo, launcher, work, inputDir, format, rows));
        System.err.printf(Locale.ROOT, "  %s logpro #%d: %s%n", format, r + 1, logpro.getLast());
        duck.add(runDuckDb(work, input, format, rows));
        System.err.printf(Locale.ROOT, "  %s duckdb #%d: %s%n", format, r + 1, duck.getLast());
      }
      results.add(new Result(format, "logpro", logpro));
      results.add(new Result(format, "duckdb", duck));
    }
    printTable(results, rows);
  }

  // ---- inputs

  /** Writes {@code work/taxi-<rows>-<format>/trips.<format>} once; a marker file says it is complete. */
  static Path generate(Path launcher, Path repo, Path work, long rows, String format) throws Exception {
    Path dir = work.resolve("taxi-" + rows + "-" + format);
    Path file = dir.resolve("trips." + format);
    Path done = work.resolve("taxi-" + rows + "-" + format + ".done");
    if (Files.exists(done) && Files.exists(file)) {
      System.err.printf("input %s (cached)%n", file);
      return dir;
    }
    Files.createDirectories(dir);
    System.err.printf("generating %,d trips as %s into %s ...%n", rows, format, file);
    exec(repo, List.of(launcher.toString(), "generate", "taxi", "--rows", Long.toString(rows), "--format", format,
        "--out", file.toString()), Map.of("LOGPRO_SKIP_BUILD", "1"), work.resolve("generate-" + format + ".log"));
    Files.writeString(done, Files.size(file) + " bytes\n");
    return dir;
  }

  // ---- the two engines

  private static final Pattern ROWS_READ = Pattern.compile("rows read\\s+([\\d,]+)");
  private static final Pattern SILVER_ROWS = Pattern.compile("silver\\s+([\\d,]+) rows");
  private static final Pattern DEAD_LETTERS = Pattern.compile("dead letters\\s+([\\d,]+) rows");
  private static final Pattern DUCK_ROWS = Pattern.compile("rows_out=(\\d+)");

  static Run runLogpro(Path repo, Path launcher, Path work, Path inputDir, String format, long rows) throws Exception {
    Path warehouse = work.resolve("warehouse-logpro-" + format);
    deleteTree(warehouse);
    Measured m = measure(repo, List.of(launcher.toString(), "run", "examples/taxi/silver.yaml"),
        Map.of("INPUT", inputDir.toString(), "FORMAT", format, "WAREHOUSE", warehouse.toString(), "LOGPRO_SKIP_BUILD", "1"),
        work.resolve("logpro-" + format));
    long read = find(ROWS_READ, m.stdout());
    return new Run(m.wall(), m.rssKb(), read < 0 ? rows : read, find(SILVER_ROWS, m.stdout()), find(DEAD_LETTERS, m.stdout()),
        m.loadBefore(), m.loadAfter());
  }

  static Run runDuckDb(Path work, Path input, String format, long rows) throws Exception {
    Path out = work.resolve("duckdb-silver-" + format + ".parquet");
    Files.deleteIfExists(out);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Measured m = measure(work, List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", absoluteClassPath(),
        DuckDbSilver.class.getName(), format, input.toString(), out.toString()), Map.of(), work.resolve("duckdb-" + format));
    long written = find(DUCK_ROWS, m.stdout());
    return new Run(m.wall(), m.rssKb(), rows, written, written < 0 ? -1 : rows - written, m.loadBefore(), m.loadAfter());
  }

  // ---- measuring a process

  record Measured(double wall, long rssKb, String stdout, double loadBefore, double loadAfter) {}

  /**
   * Runs {@code command} as a child process and measures its wall time and peak RSS. With GNU time
   * the peak is the kernel's maxrss of the waited-for process (java, since the launcher execs it).
   */
  static Measured measure(Path dir, List<String> command, Map<String, String> env, Path logBase) throws Exception {
    boolean gnuTime = Files.isExecutable(TIME);
    Path rssFile = Path.of(logBase + ".rss");
    List<String> cmd = new ArrayList<>();
    if (gnuTime) cmd.addAll(List.of(TIME.toString(), "-o", rssFile.toString(), "-f", "maxrss_kb=%M"));
    cmd.addAll(command);
    Path stdout = Path.of(logBase + ".out");
    Path stderr = Path.of(logBase + ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().putAll(env);
    double loadBefore = loadAverage();
    long t0 = System.nanoTime();
    Process p = pb.start();
    long hwmKb = 0;
    while (!p.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      if (!gnuTime) hwmKb = Math.max(hwmKb, treeHighWaterKb(p.toHandle()));
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double loadAfter = loadAverage();
    String out = Files.readString(stdout);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + "; see " + stderr + "\n" + tail(stderr));
    }
    long rss = hwmKb;
    if (gnuTime) {
      Matcher mm = Pattern.compile("maxrss_kb=(\\d+)").matcher(Files.readString(rssFile));
      if (!mm.find()) throw new IllegalStateException("no maxrss in " + rssFile);
      rss = Long.parseLong(mm.group(1));
    }
    return new Measured(wall, rss, out, loadBefore, loadAfter);
  }

  /** The largest VmHWM of a process and its descendants (the launcher script execs java, so mostly one). */
  static long treeHighWaterKb(ProcessHandle h) {
    long max = vmHwmKb(h.pid());
    for (ProcessHandle c : h.descendants().toList()) max = Math.max(max, vmHwmKb(c.pid()));
    return max;
  }

  static long vmHwmKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | RuntimeException gone) {
      // the process has exited between polls
    }
    return 0;
  }

  static void exec(Path dir, List<String> command, Map<String, String> env, Path log) throws Exception {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    int rc = pb.start().waitFor();
    if (rc != 0) throw new IllegalStateException(String.join(" ", command) + " exited " + rc + "; see " + log + "\n" + tail(log));
  }

  // ---- reporting

  static void printContext(Path repo, long rows, int repeats) {
    System.out.println("## file → Silver: logpro vs DuckDB");
    System.out.println();
    System.out.printf(Locale.ROOT, "- date: %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    System.out.printf(Locale.ROOT, "- machine: %d cores (%s), %s RAM, %s %s%n", Runtime.getRuntime().availableProcessors(),
        cpuModel(), memTotal(), System.getProperty("os.name"), System.getProperty("os.version"));
    System.out.printf(Locale.ROOT, "- JDK: %s %s (%s)%n", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        System.getProperty("java.home"));
    System.out.printf(Locale.ROOT, "- logpro: git %s%s%n", git(repo, "rev-parse", "--short=12", "HEAD"),
        dirtyModules(repo));
    System.out.printf(Locale.ROOT, "- DuckDB: duckdb_jdbc %s, default settings (threads = cores)%n", duckDbVersion());
    System.out.printf(Locale.ROOT, "- input: %,d generated taxi trips per format; %d runs per engine, medians; load average at start %.2f%n",
        rows, repeats, loadAverage());
    System.out.println();
  }

  static void printTable(List<Result> results, long rows) {
    System.out.println("| format | engine | wall s | rows/s | peak RSS MB | rows out | rejected | logpro/DuckDB wall | runs (wall s) | load avg (1 min) |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
    for (Result r : results) {
      Result duck = results.stream().filter(x -> x.format().equals(r.format()) && x.engine().equals("duckdb")).findFirst().orElseThrow();
      String ratio = r.engine().equals("logpro") ? String.format(Locale.ROOT, "**%.2f×**", r.wall() / duck.wall()) : "1.00×";
      String runs = String.join(", ", r.runs().stream().map(x -> String.format(Locale.ROOT, "%.2f", x.wallSeconds())).toList());
      double loadMin = r.runs().stream().mapToDouble(Run::loadBefore).min().orElse(0);
      double loadMax = r.runs().stream().mapToDouble(Run::loadAfter).max().orElse(0);
      System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %,.0f | %.0f | %,d | %,d | %s | %s | %.2f–%.2f |%n", r.format(), r.engine(),
          r.wall(), rows / r.wall(), r.rssMb(), r.rowsOut(), r.runs().getLast().rejected(), ratio, runs,
          Math.min(loadMin, loadMax), Math.max(loadMin, loadMax));
    }
    System.out.println();
    for (String format : results.stream().map(Result::format).distinct().toList()) {
      Result lp = results.stream().filter(x -> x.format().equals(format) && x.engine().equals("logpro")).findFirst().orElseThrow();
      Result dk = results.stream().filter(x -> x.format().equals(format) && x.engine().equals("duckdb")).findFirst().orElseThrow();
      boolean same = lp.runs().stream().allMatch(x -> x.rowsOut() == dk.rowsOut()) && dk.runs().stream().allMatch(x -> x.rowsOut() == dk.rowsOut());
      double ratio = lp.wall() / dk.wall();
      System.out.printf(Locale.ROOT, "- %s: Silver rows logpro %,d vs DuckDB %,d (%s); logpro/DuckDB wall %.2f× (target ≤ 3×: %s); "
              + "logpro peak RSS %.0f MB (target < 1024 MB: %s)%n",
          format, lp.rowsOut(), dk.rowsOut(), same ? "equal" : "DIFFERENT", ratio, ratio <= 3 ? "met" : "NOT met",
          lp.rssMb(), lp.rssMb() < 1024 ? "met" : "NOT met");
    }
    System.out.printf(Locale.ROOT, "- load average at end: %.2f%n", loadAverage());
  }

  // ---- small helpers

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static long find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown cpu");
    } catch (IOException e) {
      return "unknown cpu";
    }
  }

  static String memTotal() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      return lines.filter(l -> l.startsWith("MemTotal")).map(l -> String.format(Locale.ROOT, "%.1f GB",
          Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).findFirst().orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  static String duckDbVersion() {
    Package p = org.duckdb.DuckDBDriver.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    if (v != null) return v;
    String cp = System.getProperty("java.class.path");
    Matcher m = Pattern.compile("duckdb_jdbc-([\\d.]+)\\.jar").matcher(cp);
    return m.find() ? m.group(1) : "?";
  }

  static String git(Path repo, String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
      return p.waitFor() == 0 ? out : "?";
    } catch (Exception e) {
      return "?";
    }
  }

  /** The working tree is what the launcher builds: name the modules with uncommitted source changes. */
  static String dirtyModules(Path repo) {
    String status = git(repo, "status", "--porcelain", "--untracked-files=no");
    if (status.isBlank() || status.equals("?")) return " (clean tree)";
    List<String> modules = status.lines().map(l -> l.substring(3)).filter(f -> f.contains("/src/main/") || f.endsWith("pom.xml"))
        .map(f -> f.contains("/") ? f.substring(0, f.indexOf('/')) : f).distinct().sorted().toList();
    return modules.isEmpty() ? " (clean sources)" : " + uncommitted changes in " + String.join(", ", modules);
  }

  /** This JVM's class path with absolute entries, for a child started in another directory. */
  static String absoluteClassPath() {
    return String.join(java.io.File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(e -> e.endsWith("*") ? Path.of(e.substring(0, e.length() - 1)).toAbsolutePath() + "/*" : Path.of(e).toAbsolutePath().toString())
        .toList());
  }

  static Path findRepo() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("logpro")) && Files.exists(p.resolve("examples/taxi/silver.yaml"))) return p;
    }
    throw new IllegalStateException("cannot find the logpro checkout (the ./logpro launcher) above " + Path.of("").toAbsolutePath()
        + "; pass --repo DIR");
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
