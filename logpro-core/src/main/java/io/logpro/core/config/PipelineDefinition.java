package io.logpro.core.config;

import io.logpro.api.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** A pipeline file, validated: what to build and how to run it. */
public record PipelineDefinition(
    String name,
    String file,
    Config source,
    Config format,
    List<Config> processing,
    List<SinkDefinition> sinks,
    Config dlq,
    Engine engine,
    Reliability reliability,
    Observability observability) {

  public PipelineDefinition {
    if (observability == null) observability = Observability.NONE;
  }

  /** A pipeline without an {@code observability:} block: no admin port, no traces. */
  public PipelineDefinition(String name, String file, Config source, Config format, List<Config> processing,
      List<SinkDefinition> sinks, Config dlq, Engine engine, Reliability reliability) {
    this(name, file, source, format, processing, sinks, dlq, engine, reliability, Observability.NONE);
  }

  /** The same pipeline observed as {@code o} says. */
  public PipelineDefinition withObservability(Observability o) {
    return new PipelineDefinition(name, file, source, format, processing, sinks, dlq, engine, reliability, o);
  }

  /** One named sink with the processors of its own branch. */
  public record SinkDefinition(String name, Config config, List<Config> processing) {}

  /** @param warmUp whether synthetic rows warm the decoder, processors and sinks up at start ({@code engine.warm_up}) */
  public record Engine(int batchRows, Duration linger, int queueBatches, long queueBytes, long memoryLimit, boolean warmUp) {}

  /** @param checkpointStore the {@code checkpoint_store:} block, or null for the default file store */
  public record Reliability(Duration commitInterval, Duration drainTimeout, String stateDir, Config checkpointStore) {
    public Reliability(Duration commitInterval, Duration drainTimeout, String stateDir) {
      this(commitInterval, drainTimeout, stateDir, null);
    }
  }

  /** The {@code observability:} block ({@link PipelineSpec#OBSERVABILITY}). */
  public record Observability(Admin admin, Tracing tracing) {
    public static final Observability NONE = new Observability(Admin.NONE, Tracing.NONE);

    public Observability {
      if (admin == null) admin = Admin.NONE;
      if (tracing == null) tracing = Tracing.NONE;
    }

    /** Reads a validated {@code observability:} block (null or empty: nothing is exposed). */
    public static Observability from(Config block) {
      if (block == null || block.keys().isEmpty()) return NONE;
      Admin admin = Admin.NONE;
      if (block.has("admin")) {
        Config a = block.object("admin");
        Integer port = null;
        if (a.has("port")) {
          long p = a.longValue("port");
          if (p < 0 || p > 65_535) throw a.error("port", "expected a port from 0 to 65535 (0: any free port), found " + p);
          port = (int) p;
        }
        admin = new Admin(a.has("host") ? a.string("host") : Admin.DEFAULT_HOST, port);
      }
      Tracing tracing = Tracing.NONE;
      if (block.has("tracing")) {
        Config t = block.object("tracing");
        String endpoint = t.has("otlp_endpoint") ? t.string("otlp_endpoint").trim() : null;
        if (endpoint != null && !endpoint.isEmpty()) {
          try {
            URI uri = new URI(endpoint);
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
              throw t.error("otlp_endpoint", "expected an http:// or https:// URL of an OTLP/HTTP collector, found '" + endpoint + "'");
            }
          } catch (URISyntaxException e) {
            throw t.error("otlp_endpoint", "expected a URL, found '" + endpoint + "': " + e.getReason());
          }
        } else {
          endpoint = null;
        }
        tracing = new Tracing(endpoint, t.has("service_name") ? t.string("service_name") : Tracing.DEFAULT_SERVICE);
      }
      return new Observability(admin, tracing);
    }
  }

  /** The admin HTTP port: {@code port} null means none, 0 means any free port. */
  public record Admin(String host, Integer port) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Admin NONE = new Admin(DEFAULT_HOST, null);

    public Admin {
      if (host == null || host.isBlank()) host = DEFAULT_HOST;
    }

    public boolean enabled() {
      return port != null;
    }

    /** The same on another port (the CLI's {@code --admin-port}). */
    public Admin withPort(int newPort) {
      return new Admin(host, newPort);
    }
  }

  /** Traces over OTLP/HTTP: {@code otlpEndpoint} null means no spans are recorded. */
  public record Tracing(String otlpEndpoint, String serviceName) {
    public static final String DEFAULT_SERVICE = "logpro";
    public static final Tracing NONE = new Tracing(null, DEFAULT_SERVICE);

    public Tracing {
      if (serviceName == null || serviceName.isBlank()) serviceName = DEFAULT_SERVICE;
    }

    public boolean enabled() {
      return otlpEndpoint != null;
    }
  }
}
