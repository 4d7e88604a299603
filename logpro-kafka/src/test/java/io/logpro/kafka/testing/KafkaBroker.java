package io.logpro.kafka.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Apache Kafka (KRaft, combined broker and controller) for integration tests,
 * started from the Maven Central artifacts on the test classpath: no Docker, no download.
 *
 * <p>It runs in a child JVM ({@link KafkaBrokerMain}) so that it survives logpro processes the
 * tests kill, and dies with the test JVM (the child stops when its standard input closes).
 * Topics, offsets and transactions are set up for one node (replication factor 1).
 *
 * <pre>{@code
 * KafkaBroker kafka = KafkaBroker.shared();        // one per test JVM, stopped at exit
 * kafka.createTopic("orders", 4);
 * String brokers = kafka.bootstrapServers();       // "127.0.0.1:PORT"
 * }</pre>
 *
 * The caller's test classpath must hold {@code kafka_2.13} and {@code kafka-server} (test scope).
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static KafkaBroker shared;

  private final Map<String, String> overrides;
  private Path dir;
  private Process process;
  private String bootstrap;
  private Admin admin;
  private Duration startedIn;

  public KafkaBroker() {
    this(Map.of());
  }

  /** A broker with extra server properties (they win over the defaults). */
  public KafkaBroker(Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  /** The broker shared by every test of this JVM: started on first use, stopped when the JVM exits. */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      KafkaBroker b = new KafkaBroker().start();
      Runtime.getRuntime().addShutdownHook(new Thread(b::close, "kafka-broker-stop"));
      shared = b;
    }
    return shared;
  }

  /** Starts the broker and waits until it accepts clients. */
  public synchronized KafkaBroker start() {
    if (process != null) return this;
    IOException last = null;
    long t0 = System.nanoTime();
    // Free ports are picked then released, so another process may take one first: retry.
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        startOnce();
        startedIn = Duration.ofNanos(System.nanoTime() - t0);
        return this;
      } catch (IOException e) {
        last = e;
        stopProcess();
      }
    }
    throw new UncheckedIOException("Kafka broker did not start", last);
  }

  private void startOnce() throws IOException {
    dir = Files.createTempDirectory("logpro-kafka-");
    int[] ports = freePorts(2);
    bootstrap = "127.0.0.1:" + ports[0];
    Properties props = serverProperties(ports[0], ports[1], dir.resolve("data"));
    overrides.forEach(props::setProperty);
    Path propsFile = dir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(propsFile)) {
      props.store(out, "logpro test broker");
    }
    Path log = dir.resolve("broker.log");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms64m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m",
        "-Djava.awt.headless=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dlog4j2.level=WARN",
        "-cp", System.getProperty("java.class.path"),
        KafkaBrokerMain.class.getName(), propsFile.toString()));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, ready), "kafka-broker-output");
    pump.setDaemon(true);
    pump.start();
    try {
      ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("Kafka broker did not become ready within " + START_TIMEOUT.toSeconds() + "s; log:\n" + tail(log), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting Kafka", e);
    }
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  /** Copies the child's output to broker.log and completes {@code ready} on its marker line. */
  private static void pump(Process p, Path log, CompletableFuture<Void> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals(KafkaBrokerMain.READY)) {
          ready.complete(null);
        } else {
          out.println(line);
        }
      }
    } catch (IOException e) {
      // the child is gone; fall through
    }
    ready.completeExceptionally(new IOException("Kafka broker exited with " + waitExit(p)));
  }

  private static int waitExit(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static Properties serverProperties(int brokerPort, int controllerPort, Path dataDir) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dataDir.toString());
    // One node: every internal topic has one replica, and few partitions so that it starts fast.
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "4");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    // Small memory: the log cleaner's default dedupe buffer alone is 128 MB.
    p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    return p;
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        s.setReuseAddress(true);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) s.close();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    if (bootstrap == null) throw new IllegalStateException("broker not started");
    return bootstrap;
  }

  /** An admin client of this broker, closed with it. */
  public Admin admin() {
    if (admin == null) throw new IllegalStateException("broker not started");
    return admin;
  }

  /**
   * Creates {@code name} with {@code partitions} partitions and waits until every partition has a
   * leader (so the first produce does not bounce); an existing topic is left as it is.
   */
  public void createTopic(String name, int partitions) {
    try {
      admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("cannot create topic " + name, e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name, e);
    }
    awaitLeaders(name);
  }

  private void awaitLeaders(String topic) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription d = admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // not known yet: retry
      }
    }
    throw new IllegalStateException("topic " + topic + " has partitions without a leader after 30 s");
  }

  /** How long {@link #start()} took, until the broker accepted clients. */
  public Duration startedIn() {
    return startedIn;
  }

  /** Whether the child JVM is running. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The broker's log file (its standard output and error). */
  public Path logFile() {
    return dir.resolve("broker.log");
  }

  /** Stops the broker (a clean shutdown, forced after 20 s) and deletes its data. */
  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    stopProcess();
  }

  private void stopProcess() {
    Process p = process;
    process = null;
    if (p != null) {
      try {
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (IOException e) {
        p.destroyForcibly();
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (dir != null) {
      deleteTree(dir);
      dir = null;
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
