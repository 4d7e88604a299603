package io.logpro.bench;

import io.logpro.generate.ByteSink;
import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiStats;
import io.logpro.iceberg.IcebergCatalogs;
import io.logpro.iceberg.TableReader;
import io.logpro.kafka.KafkaWriter;
import io.logpro.kafka.testing.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end streaming benchmark against the seed's peer table (reference section 16): a Kafka
 * topic → {@code ./logpro run examples/taxi/streaming.yaml} → Bronze + Silver Iceberg tables.
 *
 * <p>Starts logpro-kafka's single-node KRaft broker (a child JVM on this class path), then:
 *
 * <ul>
 *   <li>(a) the seed's run: logpro is started as an OS process on an empty topic; startup = from
 *       process start to its "partitions assigned" log line; then {@code --events} generated trips
 *       are produced (idempotent producer, acks=all) and the time from the broker's acknowledgement
 *       of the last one until Bronze holds every well-formed event and Silver every passing one
 *       ({@link TaxiStats} is the truth) is measured by polling the tables' current snapshots;
 *   <li>(b) sustained throughput: {@code --backlog} trips are produced into a 6-partition topic
 *       first (not timed), then logpro starts with a new group and fresh warehouse; events/s =
 *       backlog / (process start → both tables complete);
 *   <li>optionally (--consume-only) the rate of a bare KafkaConsumer reading the same backlog.
 * </ul>
 *
 * Peak RSS is the logpro JVM's VmHWM (the launcher execs java, so the child's pid is java's),
 * polled from /proc until it exits. Each run uses a fresh warehouse, topic (a) and group.
 *
 * <pre>
 * java -cp 'logpro-bench/target/logpro-bench-*.jar:logpro-bench/target/lib/*' io.logpro.bench.KafkaStreamingBenchmark \
 *     [WORK_DIR=/tmp/bench-kafka] [REPEATS=3] [--events 10000] [--backlog 3000000] [--partitions 6]
 *     [--commit-interval 250ms] [--only a|b] [--consume-only] [--java-opts '...'] [--repo DIR]
 * </pre>
 */
public final class KafkaStreamingBenchmark {
  static final String BRONZE = "taxi.bronze_stream";
  static final String SILVER = "taxi.silver_stream";
  static final long SEED = 42;
  static final Duration COMPLETE_TIMEOUT = Duration.ofMinutes(10);

  record Settings(Path repo, Path work, int repeats, long events, long backlog, int partitions, int seedPartitions,
      String commitInterval, String only, boolean consumeOnly, String javaOpts, String heap, String pipeline, Map<String, String> env) {}

  /** One run of (a). All times in seconds; RSS in kB. */
  record SeedRun(double startup, double produce, double lastToBronze, double lastToSilver, double lastToBoth, long rssKb,
      long bronze, long silver, double load) {}

  /** One run of (b). */
  record BacklogRun(double startup, double total, long rssKb, long bronze, long silver, double load) {
    double eventsPerSecond(long events) {
      return events / total;
    }

    double eventsPerSecondAfterStartup(long events) {
      return events / (total - startup);
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    long events = 10_000;
    long backlog = 3_000_000;
    int partitions = 6;
    int seedPartitions = 1;
    String commitInterval = "250ms";
    String only = "ab";
    boolean consumeOnly = false;
    String javaOpts = "";
    String heap = "";
    String pipeline = "examples/taxi/streaming.yaml";
    Map<String, String> env = new HashMap<>();
    Path repo = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = count(args[++i]);
        case "--backlog" -> backlog = count(args[++i]);
        case "--partitions" -> partitions = Integer.parseInt(args[++i]);
        case "--seed-partitions" -> seedPartitions = Integer.parseInt(args[++i]);
        case "--commit-interval" -> commitInterval = args[++i];
        case "--only" -> only = args[++i];
        case "--consume-only" -> consumeOnly = true;
        case "--java-opts" -> javaOpts = args[++i];
        case "--heap" -> heap = args[++i];
        case "--pipeline" -> pipeline = args[++i];
        case "--env" -> {
          String kv = args[++i];
          env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        case "--repo" -> repo = Path.of(args[++i]);
        default -> {
          // an option this version does not know must not become a positional argument unnoticed
          if (args[i].startsWith("--")) throw new IllegalArgumentException("unknown option " + args[i]);
          positional.add(args[i]);
        }
      }
    }
    Path work = Path.of(positional.isEmpty() ? "/tmp/bench-kafka" : positional.get(0)).toAbsolutePath();
    int repeats = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
    repo = repo != null ? repo.toAbsolutePath() : FileToSilverBenchmark.findRepo();
    Settings s = new Settings(repo, work, repeats, events, backlog, partitions, seedPartitions, commitInterval, only, consumeOnly,
        javaOpts, heap, pipeline, Map.copyOf(env));
    Files.createDirectories(work);

    printContext(s);
    // One build (if sources changed) before anything is timed; the timed runs skip the check.
    FileToSilverBenchmark.exec(repo, List.of(repo.resolve("logpro").toString(), "--help"), Map.of(), work.resolve("build.log"));

    progress("starting the Kafka broker ...");
    try (KafkaBroker broker = new KafkaBroker().start()) {
      progress("broker %s up in %.1f s", broker.bootstrapServers(), broker.startedIn().toMillis() / 1000.0);
      List<SeedRun> seedRuns = new ArrayList<>();
      List<BacklogRun> backlogRuns = new ArrayList<>();
      double consumeRate = Double.NaN;
      if (only.contains("a")) {
        TaxiStats truth = TaxiStats.of(new TaxiGenerator(SEED), 0, events);
        byte[][] values = values(events);
        for (int r = 1; r <= repeats; r++) {
          seedRuns.add(seedRun(s, broker, truth, values, r));
          progress("  (a) #%d: %s", r, seedRuns.getLast());
        }
      }
      if (only.contains("b")) {
        String topic = "backlog";
        broker.createTopic(topic, partitions);
        progress("producing %,d trips into %s (%d partitions), not timed ...", backlog, topic, partitions);
        KafkaWriter.Result produced;
        try (KafkaWriter w = new KafkaWriter(broker.bootstrapServers(), topic)) {
          TaxiGenerator gen = new TaxiGenerator(SEED);
          ByteSink buf = new ByteSink(1024);
          produced = w.write(i -> value(gen, i, buf), backlog, 0);
        }
        progress("  produced in %.1f s (%,.0f events/s)", produced.elapsed().toMillis() / 1000.0, produced.recordsPerSecond());
        TaxiStats truth = TaxiStats.of(new TaxiGenerator(SEED), 0, backlog);
        if (consumeOnly) {
          consumeRate = consumeOnly(broker.bootstrapServers(), topic, backlog);
          progress("  consume-only: %,.0f events/s", consumeRate);
        }
        for (int r = 1; r <= repeats; r++) {
          backlogRuns.add(backlogRun(s, broker, topic, truth, r));
          progress("  (b) #%d: %s", r, backlogRuns.getLast());
        }
      }
      printTables(s, seedRuns, backlogRuns, consumeRate);
      System.out.printf(Locale.ROOT, "- broker peak RSS (VmHWM of its JVM): %.0f MB%n", brokerPeakKb() / 1024.0);
    }
  }

  /** The broker is this JVM's child running KafkaBrokerMain; the seed's memory column counts its broker too. */
  static long brokerPeakKb() {
    // /proc/<pid>/cmdline directly: ProcessHandle.Info left the broker's long command line empty.
    return ProcessHandle.current().children().filter(h -> {
      try {
        return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"), StandardCharsets.ISO_8859_1).contains("KafkaBrokerMain");
      } catch (IOException e) {
        return false;
      }
    }).mapToLong(h -> FileToSilverBenchmark.vmHwmKb(h.pid())).max().orElse(0);
  }

  // ---- (a) the seed's run

  static SeedRun seedRun(Settings s, KafkaBroker broker, TaxiStats truth, byte[][] values, int run) throws Exception {
    String topic = "seed-" + run;
    broker.createTopic(topic, s.seedPartitions());
    Path warehouse = s.work().resolve("warehouse-a" + run);
    freshWarehouse(warehouse);
    double load = FileToSilverBenchmark.loadAverage();
    try (Logpro lp = Logpro.start(s, broker.bootstrapServers(), topic, "bench-a" + run, warehouse, s.work().resolve("logpro-a" + run))) {
      double startup = lp.awaitConsuming();
      long t0 = System.nanoTime();
      try (KafkaWriter w = new KafkaWriter(broker.bootstrapServers(), topic)) {
        w.write(i -> values[(int) i], values.length, 0);
      }
      long lastAcked = System.nanoTime();
      Completion c = awaitTables(lp, warehouse, truth, 10);
      lp.stop();
      return new SeedRun(startup, (lastAcked - t0) / 1e9, (c.bronzeAt() - lastAcked) / 1e9, (c.silverAt() - lastAcked) / 1e9,
          (Math.max(c.bronzeAt(), c.silverAt()) - lastAcked) / 1e9, lp.peakRssKb(), c.bronze(), c.silver(), load);
    }
  }

  // ---- (b) sustained throughput from a backlog

  static BacklogRun backlogRun(Settings s, KafkaBroker broker, String topic, TaxiStats truth, int run) throws Exception {
    Path warehouse = s.work().resolve("warehouse-b" + run);
    freshWarehouse(warehouse);
    double load = FileToSilverBenchmark.loadAverage();
    try (Logpro lp = Logpro.start(s, broker.bootstrapServers(), topic, "bench-b" + run, warehouse, s.work().resolve("logpro-b" + run))) {
      double startup = lp.awaitConsuming();
      Completion c = awaitTables(lp, warehouse, truth, 100);
      double total = (Math.max(c.bronzeAt(), c.silverAt()) - lp.startedAt) / 1e9;
      lp.stop();
      return new BacklogRun(startup, total, lp.peakRssKb(), c.bronze(), c.silver(), load);
    }
  }

  /** A bare consumer reading the whole backlog (new group, no processing): the broker's and client's ceiling here. */
  static double consumeOnly(String brokers, String topic, long expected) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-consume-only-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    long t0 = System.nanoTime();
    long n = 0;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + COMPLETE_TIMEOUT.toNanos();
      while (n < expected && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> recs = c.poll(Duration.ofMillis(200));
        n += recs.count();
      }
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /**
   * An empty warehouse whose catalog already holds the namespace "taxi". Without it, Bronze and
   * Silver both create the namespace on their first write, and on SQLite the loser fails with a
   * PRIMARY KEY UncheckedSQLException (IcebergSink.createTable catches only AlreadyExistsException),
   * which stopped 2 of 4 runs at one point; the bench measures throughput, not that race.
   */
  static void freshWarehouse(Path warehouse) throws Exception {
    FileToSilverBenchmark.deleteTree(warehouse);
    Catalog catalog = IcebergCatalogs.open(warehouse.toString(), null);
    try {
      ((org.apache.iceberg.catalog.SupportsNamespaces) catalog).createNamespace(org.apache.iceberg.catalog.Namespace.of("taxi"));
    } finally {
      if (catalog instanceof AutoCloseable ac) ac.close();
    }
  }

  // ---- waiting for the tables

  /** When (System.nanoTime) each table first held its expected rows, and the counts seen then. */
  record Completion(long bronzeAt, long silverAt, long bronze, long silver) {}

  /**
   * Polls both tables' current snapshots (total-records of the snapshot summary) every {@code
   * pollMs} until Bronze holds {@code truth.bronzeRows()} and Silver {@code truth.silverRows()}.
   */
  static Completion awaitTables(Logpro lp, Path warehouse, TaxiStats truth, long pollMs) throws Exception {
    Catalog catalog = IcebergCatalogs.open(warehouse.toString(), null);
    try {
      TableReader bronze = null;
      TableReader silver = null;
      long bronzeAt = -1;
      long silverAt = -1;
      long b = 0;
      long sv = 0;
      long deadline = System.nanoTime() + COMPLETE_TIMEOUT.toNanos();
      while (bronzeAt < 0 || silverAt < 0) {
        if (!lp.process.isAlive()) throw new IllegalStateException("logpro exited " + lp.process.exitValue() + "; see " + lp.log);
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("tables incomplete after " + COMPLETE_TIMEOUT + ": bronze " + b + "/" + truth.bronzeRows()
              + ", silver " + sv + "/" + truth.silverRows());
        }
        if (bronze == null) bronze = open(catalog, BRONZE);
        if (silver == null) silver = open(catalog, SILVER);
        if (bronzeAt < 0 && bronze != null) {
          b = bronze.rowCount();
          if (b >= truth.bronzeRows()) bronzeAt = System.nanoTime();
        }
        if (silverAt < 0 && silver != null) {
          sv = silver.rowCount();
          if (sv >= truth.silverRows()) silverAt = System.nanoTime();
        }
        if (bronzeAt < 0 || silverAt < 0) Thread.sleep(pollMs);
      }
      if (b != truth.bronzeRows() || sv != truth.silverRows()) {
        progress("  WARNING: bronze %,d (expected %,d), silver %,d (expected %,d)", b, truth.bronzeRows(), sv, truth.silverRows());
      }
      return new Completion(bronzeAt, silverAt, b, sv);
    } finally {
      if (catalog instanceof AutoCloseable ac) ac.close();
    }
  }

  static TableReader open(Catalog catalog, String name) {
    try {
      return TableReader.of(catalog, name);
    } catch (NoSuchTableException e) {
      return null;
    }
  }

  // ---- the logpro process

  /** {@code ./logpro run examples/taxi/streaming.yaml} as a child process, its log watched for the moment it consumes. */
  static final class Logpro implements AutoCloseable {
    final Process process;
    final long startedAt;
    final Path log;
    volatile long consumingAt = -1;
    volatile long peakKb;
    private final Thread rss;

    private Logpro(Process process, long startedAt, Path log) {
      this.process = process;
      this.startedAt = startedAt;
      this.log = log;
      // VmHWM is the kernel's own peak, so polling it until exit loses nothing between polls.
      this.rss = new Thread(() -> {
        while (process.isAlive()) {
          peakKb = Math.max(peakKb, FileToSilverBenchmark.vmHwmKb(process.pid()));
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "rss");
      rss.setDaemon(true);
    }

    static Logpro start(Settings s, String brokers, String topic, String group, Path warehouse, Path logBase) throws IOException {
      ProcessBuilder pb = new ProcessBuilder(s.repo().resolve("logpro").toString(), "run", s.pipeline())
          .directory(s.repo().toFile()).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("KAFKA_BROKERS", brokers);
      env.put("TOPIC", topic);
      env.put("GROUP", group);
      env.put("WAREHOUSE", warehouse.toString());
      env.put("COMMIT_INTERVAL", s.commitInterval());
      env.put("LOGPRO_LOG_FORMAT", "text");
      env.put("LOGPRO_SKIP_BUILD", "1");
      if (!s.javaOpts().isBlank()) env.put("LOGPRO_JAVA_OPTS", s.javaOpts().replace("{run}", logBase.getFileName().toString()));
      if (!s.heap().isBlank()) env.put("LOGPRO_HEAP", s.heap());
      env.putAll(s.env());
      Path log = Path.of(logBase + ".log");
      long t0 = System.nanoTime();
      Process p = pb.start();
      Logpro lp = new Logpro(p, t0, log);
      lp.rss.start();
      Thread pump = new Thread(() -> lp.pump(p.getInputStream()), "logpro-output");
      pump.setDaemon(true);
      pump.start();
      return lp;
    }

    private void pump(InputStream in) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
           PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (consumingAt < 0 && line.contains("partitions assigned")) consumingAt = System.nanoTime();
          out.println(line);
        }
      } catch (IOException e) {
        // the process is gone
      }
    }

    /** Seconds from process start until logpro logged its partition assignment. */
    double awaitConsuming() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (consumingAt < 0) {
        if (!process.isAlive()) throw new IllegalStateException("logpro exited " + process.exitValue() + " before consuming; see " + log);
        if (System.nanoTime() > deadline) throw new IllegalStateException("logpro not consuming after 120 s; see " + log);
        Thread.sleep(2);
      }
      return (consumingAt - startedAt) / 1e9;
    }

    long peakRssKb() {
      return Math.max(peakKb, FileToSilverBenchmark.vmHwmKb(process.pid()));
    }

    /** SIGTERM (logpro drains and exits), then waits for the exit; the RSS poller sees the drain too. */
    void stop() throws InterruptedException {
      peakKb = peakRssKb();
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      rss.join(1000);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) stop();
    }
  }

  // ---- inputs

  static byte[][] values(long events) {
    TaxiGenerator gen = new TaxiGenerator(SEED);
    ByteSink buf = new ByteSink(1024);
    byte[][] v = new byte[Math.toIntExact(events)][];
    for (int i = 0; i < v.length; i++) v[i] = value(gen, i, buf);
    return v;
  }

  /** Row {@code row} as one NDJSON message: the record without its line end. */
  static byte[] value(TaxiGenerator gen, long row, ByteSink buf) {
    buf.reset();
    gen.encodeNdjson(row, buf);
    int n = buf.size();
    while (n > 0 && (buf.array()[n - 1] == '\n' || buf.array()[n - 1] == '\r')) n--;
    return Arrays.copyOf(buf.array(), n);
  }

  // ---- reporting

  static void printContext(Settings s) {
    System.out.println("## Kafka → Bronze + Silver: logpro against the seed's peers");
    System.out.println();
    System.out.printf(Locale.ROOT, "- date: %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    System.out.printf(Locale.ROOT, "- machine: %d cores (%s), %s RAM, %s %s; the Kafka broker runs on it too%n",
        Runtime.getRuntime().availableProcessors(), FileToSilverBenchmark.cpuModel(), FileToSilverBenchmark.memTotal(),
        System.getProperty("os.name"), System.getProperty("os.version"));
    System.out.printf(Locale.ROOT, "- JDK: %s %s%n", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
    System.out.printf(Locale.ROOT, "- logpro: git %s%s; %s with COMMIT_INTERVAL=%s%s%s%s%n",
        FileToSilverBenchmark.git(s.repo(), "rev-parse", "--short=12", "HEAD"), FileToSilverBenchmark.dirtyModules(s.repo()),
        s.pipeline(), s.commitInterval(), s.heap().isBlank() ? "" : ", LOGPRO_HEAP=" + s.heap(),
        s.javaOpts().isBlank() ? "" : ", LOGPRO_JAVA_OPTS=" + s.javaOpts(), s.env().isEmpty() ? "" : ", env " + new java.util.TreeMap<>(s.env()));
    System.out.printf(Locale.ROOT, "- broker: Apache Kafka %s (KRaft, one node, logpro-kafka's test broker, -Xmx768m SerialGC)%n",
        org.apache.kafka.common.utils.AppInfoParser.getVersion());
    System.out.printf(Locale.ROOT, "- (a) %,d events, topic of %d partition(s); (b) %,d events in %d partitions; %d runs each, medians; "
        + "load average at start %.2f%n", s.events(), s.seedPartitions(), s.backlog(), s.partitions(), s.repeats(),
        FileToSilverBenchmark.loadAverage());
    System.out.println();
  }

  static void printTables(Settings s, List<SeedRun> a, List<BacklogRun> b, double consumeRate) {
    if (!a.isEmpty()) {
      System.out.println("### (a) the seed's run: " + String.format(Locale.ROOT, "%,d", s.events()) + " events");
      System.out.println();
      System.out.println("| metric | median | runs | target |");
      System.out.println("|---|---:|---|---|");
      row("startup (process start → partitions assigned), s", a, SeedRun::startup, "%.2f", "< 3 s");
      row("produce 10,000 (first send → last ack), s", a, SeedRun::produce, "%.2f", "");
      row("last ack → Bronze committed, s", a, SeedRun::lastToBronze, "%.2f", "");
      row("last ack → Silver committed, s", a, SeedRun::lastToSilver, "%.2f", "");
      row("last ack → both committed, s", a, SeedRun::lastToBoth, "%.2f", "< 1 s");
      row("peak RSS of the logpro JVM, MB", a, x -> x.rssKb() / 1024.0, "%.0f", "< 512 MB");
      row("load average (1 min) at start", a, SeedRun::load, "%.2f", "");
      System.out.printf(Locale.ROOT, "%nBronze %,d rows, Silver %,d rows (last run).%n%n", a.getLast().bronze(), a.getLast().silver());
    }
    if (!b.isEmpty()) {
      System.out.println("### (b) sustained: " + String.format(Locale.ROOT, "%,d", s.backlog()) + " events already in the topic");
      System.out.println();
      System.out.println("| metric | median | runs | target |");
      System.out.println("|---|---:|---|---|");
      row("events/s, process start → both tables complete", b, x -> x.eventsPerSecond(s.backlog()), "%,.0f", "≥ 150,000");
      row("events/s after startup (partitions assigned → complete)", b, x -> x.eventsPerSecondAfterStartup(s.backlog()), "%,.0f", "");
      row("wall, process start → both complete, s", b, BacklogRun::total, "%.2f", "");
      row("startup, s", b, BacklogRun::startup, "%.2f", "< 3 s");
      row("peak RSS of the logpro JVM, MB", b, x -> x.rssKb() / 1024.0, "%.0f", "< 512 MB");
      row("load average (1 min) at start", b, BacklogRun::load, "%.2f", "");
      if (!Double.isNaN(consumeRate)) System.out.printf(Locale.ROOT, "| consume-only (bare KafkaConsumer), events/s | %,.0f | | |%n", consumeRate);
      System.out.printf(Locale.ROOT, "%nBronze %,d rows, Silver %,d rows (last run).%n%n", b.getLast().bronze(), b.getLast().silver());
    }
    System.out.printf(Locale.ROOT, "- load average at end: %.2f%n", FileToSilverBenchmark.loadAverage());
  }

  static <T> void row(String name, List<T> runs, ToDoubleFunction<T> f, String fmt, String target) {
    double[] v = runs.stream().mapToDouble(f).toArray();
    String all = String.join(", ", Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, fmt, x)).toList());
    System.out.printf(Locale.ROOT, "| %s | " + fmt + " | %s | %s |%n", name, FileToSilverBenchmark.median(v), all, target);
  }

  static void progress(String fmt, Object... args) {
    System.err.printf(Locale.ROOT, fmt + "%n", args);
  }

  static long count(String s) {
    return Long.parseLong(s.replace("_", "").replace(",", ""));
  }

  private KafkaStreamingBenchmark() {}
}
