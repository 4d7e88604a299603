package io.logpro.core.observe;

import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.engine.Pipeline;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that watches one pipeline run: its meters and admin port, and its traces. Start it
 * before {@link Pipeline#run()} and close it after:
 *
 * <pre>{@code
 * try (Observability o = Observability.start(pipeline, def.observability())) {
 *   pipeline.run();
 * }
 * }</pre>
 *
 * Without an admin port no meters are kept, and without an OTLP endpoint no spans are made: an
 * unobserved pipeline pays nothing but a few clock reads per batch.
 */
public final class Observability implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Observability.class);
  private static final String INSTRUMENTATION = "io.logpro.core";

  private final PrometheusMeterRegistry registry;
  private final AdminServer admin;
  private final SdkTracerProvider ownedTracerProvider;
  private final List<AutoCloseable> binders;

  private Observability(PrometheusMeterRegistry registry, AdminServer admin, SdkTracerProvider ownedTracerProvider, List<AutoCloseable> binders) {
    this.registry = registry;
    this.admin = admin;
    this.ownedTracerProvider = ownedTracerProvider;
    this.binders = binders;
  }

  /** Observes {@code pipeline} as its {@code observability:} block says. */
  public static Observability start(Pipeline pipeline, PipelineDefinition.Observability settings) throws IOException {
    SdkTracerProvider provider = settings.tracing().enabled() ? OtlpTraces.provider(settings.tracing()) : null;
    try {
      Observability o = start(pipeline, settings.admin(), provider, provider);
      if (provider != null) log.info("tracing: spans go to {}", OtlpTraces.tracesUrl(settings.tracing().otlpEndpoint()));
      return o;
    } catch (IOException | RuntimeException e) {
      if (provider != null) provider.close();
      throw e;
    }
  }

  /**
   * Observes {@code pipeline} with an admin port as {@code admin} says and spans from
   * {@code tracerProvider} (null: none). {@code owned} is closed (flushing its spans) on close.
   */
  public static Observability start(Pipeline pipeline, PipelineDefinition.Admin admin, TracerProvider tracerProvider,
      SdkTracerProvider owned) throws IOException {
    List<Pipeline.StageObserver> observers = new ArrayList<>();
    PrometheusMeterRegistry registry = null;
    AdminServer server = null;
    List<AutoCloseable> binders = new ArrayList<>();
    if (admin.enabled()) {
      registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      observers.add(new PipelineMetrics(pipeline, registry));
      new JvmMemoryMetrics().bindTo(registry);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(registry);
      binders.add(gc);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      try {
        server = AdminServer.start(admin.host(), admin.port(), pipeline, registry);
      } catch (IOException e) {
        gc.close();
        registry.close();
        throw new IOException("cannot open the admin port on " + admin.host() + ":" + admin.port() + ": " + e.getMessage(), e);
      }
      log.info("admin port listening on http://{}:{} (/healthz /readyz /metrics /api/pipeline)",
          server.address().getHostString(), server.address().getPort());
    }
    if (tracerProvider != null) {
      observers.add(new PipelineTracing(tracerProvider.get(INSTRUMENTATION), pipeline.definition().name()));
    }
    if (!observers.isEmpty()) pipeline.observe(new Guarded(observers));
    return new Observability(registry, server, owned, binders);
  }

  /** The admin port's address, or null when there is none. */
  public InetSocketAddress adminAddress() {
    return admin == null ? null : admin.address();
  }

  /** The meters (null without an admin port). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    if (admin != null) admin.close();
    for (AutoCloseable b : binders) {
      try {
        b.close();
      } catch (Exception e) {
        log.debug("closing a meter binder: {}", e.toString());
      }
    }
    if (registry != null) registry.close();
    if (ownedTracerProvider != null) {
      // flushes the spans still queued; a collector that is down costs at most these seconds
      ownedTracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Tells every observer, and keeps an observer's bug from failing the pipeline: watching a
   * pipeline must never stop it.
   */
  private static final class Guarded implements Pipeline.StageObserver {
    private final Pipeline.StageObserver[] observers;
    private volatile boolean warned;

    Guarded(List<Pipeline.StageObserver> observers) {
      this.observers = observers.toArray(Pipeline.StageObserver[]::new);
    }

    @Override
    public void finished(Pipeline.Stage stage, String sink, long seq, int rows, long startNanos, long endNanos) {
      for (Pipeline.StageObserver o : observers) {
        try {
          o.finished(stage, sink, seq, rows, startNanos, endNanos);
        } catch (RuntimeException e) {
          warnOnce(e);
        }
      }
    }

    @Override
    public void opened(Pipeline pipeline) {
      for (Pipeline.StageObserver o : observers) {
        try {
          o.opened(pipeline);
        } catch (RuntimeException e) {
          warnOnce(e);
        }
      }
    }

    private void warnOnce(RuntimeException e) {
      if (!warned) {
        warned = true;
        log.warn("observing the pipeline failed (metrics or spans may be missing): {}", e.toString(), e);
      }
    }
  }
}
