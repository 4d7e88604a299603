package io.logpro.core.observe;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import io.logpro.api.source.Lagging;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import io.logpro.api.source.SourceFactory;
import io.logpro.core.ComponentRegistry;
import io.logpro.core.config.Interpolator;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.config.PipelineLoader;
import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the observability tests share: a registry with two extra test components (a source that
 * knows its lag, a sink whose commit waits at a gate), pipelines, HTTP calls and a reader for
 * the Prometheus text format.
 */
final class ObserveFixtures {
  private ObserveFixtures() {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The test components of io.logpro.core.testing plus {@link LaggingSource} and {@link GateSink}. */
  static ComponentRegistry registry() {
    return REGISTRY;
  }

  private static final ComponentRegistry REGISTRY = new ComponentRegistry(extraServices());

  /** A class loader that also lists this package's factories as services (test resources belong to the engine's tests). */
  private static ClassLoader extraServices() {
    try {
      Path dir = Files.createTempDirectory("logpro-observe-services");
      Path services = Files.createDirectories(dir.resolve("META-INF/services"));
      Files.writeString(services.resolve(SourceFactory.class.getName()), LaggingSource.Factory.class.getName() + "\n");
      Files.writeString(services.resolve(SinkFactory.class.getName()), GateSink.Factory.class.getName() + "\n");
      dir.toFile().deleteOnExit();
      services.toFile().deleteOnExit();
      services.resolve(SourceFactory.class.getName()).toFile().deleteOnExit();
      services.resolve(SinkFactory.class.getName()).toFile().deleteOnExit();
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ObserveFixtures.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pipeline like PipelineTest's: small batches, frequent commits, a memory dead-letter sink. */
  static PipelineDefinition pipeline(String name, String source, String sinks, Path stateDir) {
    String yaml = """
        pipeline: %s
        source: %s
        sinks:
        %s
        reliability:
          dlq: {type: memory, table: dlq-%s}
          commit_interval: 50ms
          state_dir: %s
        engine: {batch_rows: 64, linger: 10ms}
        """.formatted(name, source, sinks.indent(2), name, stateDir);
    return new PipelineLoader(REGISTRY, Interpolator.fromEnvironment()).load(yaml, "test.yaml");
  }

  /** Runs the pipeline on a thread of its own; the result is set when it ends. */
  static Thread runInBackground(Pipeline p, AtomicReference<PipelineResult> result) {
    return Thread.ofPlatform().name("test-pipeline").start(() -> result.set(p.run()));
  }

  /** Waits for a condition that the pipeline reaches on its own (not a timing assertion: the limit only ends a hung test). */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for: " + what);
      Thread.sleep(5);
    }
  }

  record Response(int status, String contentType, String body) {}

  static Response get(InetSocketAddress admin, String path) throws IOException, InterruptedException {
    return call(admin, path, "GET");
  }

  static Response call(InetSocketAddress admin, String path, String method) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + admin.getHostString() + ":" + admin.getPort() + path);
    HttpRequest req = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The samples of {@code name} in a Prometheus text exposition whose labels include {@code labels}. */
  static List<Double> samples(String exposition, String name, Map<String, String> labels) {
    List<Double> out = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) continue;
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches() || !m.group(1).equals(name)) continue;
      Map<String, String> have = new java.util.HashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) have.put(l.group(1), l.group(2));
      }
      if (have.entrySet().containsAll(labels.entrySet())) out.add(Double.parseDouble(m.group(4)));
    }
    return out;
  }

  /** The one sample of {@code name} with {@code labels}; fails when there is none or more than one. */
  static double sample(String exposition, String name, Map<String, String> labels) {
    List<Double> s = samples(exposition, name, labels);
    if (s.size() != 1) throw new AssertionError("expected one sample of " + name + labels + ", found " + s + " in:\n" + exposition);
    return s.get(0);
  }

  /** Test source "lagging": the numbers 1..count, knowing how many are still to come (its lag). */
  public static final class LaggingSource implements Source, Lagging {
    private final long count;
    private long next = 1;
    private volatile long behind;

    LaggingSource(long count) {
      this.count = count;
      this.behind = count;
    }

    @Override
    public void open(PipelineContext context) {}

    @Override
    public SourceChunk read(int maxRecords, Duration maxWait) {
      if (next > count) return SourceChunk.END;
      List<RawMessage> out = new ArrayList<>();
      while (next <= count && out.size() < Math.min(maxRecords, 100)) {
        out.add(RawMessage.of(Long.toString(next).getBytes(StandardCharsets.UTF_8), Position.of("lag", next)));
        next++;
      }
      behind = count - next + 1;
      return new SourceChunk.Messages(out);
    }

    @Override
    public long recordsBehind() {
      return behind;
    }

    @Override
    public void close() {}

    public static final class Factory implements SourceFactory {
      @Override
      public ConfigSpec spec() {
        return ConfigSpec.builder("lagging", "Test source: numbers as text, with their lag.")
            .field(FieldSpec.of("count", FieldType.LONG, "How many.").asRequired())
            .field(FieldSpec.component("format", "format", "Format."))
            .build();
      }

      @Override
      public Source create(Config config) {
        return new LaggingSource(config.longValue("count"));
      }
    }
  }

  /** Test sink "gate": keeps nothing; its commits wait until the gate named in its config opens. */
  public static final class GateSink implements Sink {
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    static final Map<String, CountDownLatch> REACHED = new ConcurrentHashMap<>();

    private final String gate;

    GateSink(String gate) {
      this.gate = gate;
    }

    static CountDownLatch gate(String name) {
      return GATES.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    /** Counted down when a commit first waits at the gate. */
    static CountDownLatch reached(String name) {
      return REACHED.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    @Override
    public void open(PipelineContext context) {}

    @Override
    public void write(Batch batch) {}

    @Override
    public void commit(Checkpoint checkpoint) throws InterruptedException {
      reached(gate).countDown();
      gate(gate).await();
    }

    @Override
    public void close() {}

    public static final class Factory implements SinkFactory {
      @Override
      public ConfigSpec spec() {
        return ConfigSpec.builder("gate", "Test sink: commits wait at a gate.")
            .field(FieldSpec.string("gate", "The gate's name.").asRequired())
            .build();
      }

      @Override
      public Sink create(Config config) {
        return new GateSink(config.string("gate"));
      }
    }
  }
}
