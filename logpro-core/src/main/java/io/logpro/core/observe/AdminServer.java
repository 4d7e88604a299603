package io.logpro.core.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineState;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP port of a running pipeline:
 *
 * <ul>
 *   <li>{@code GET /healthz}: 200 while the process is alive;
 *   <li>{@code GET /readyz}: 200 while the pipeline is RUNNING, else 503, the state in the body;
 *   <li>{@code GET /metrics}: the Prometheus text format;
 *   <li>{@code GET /api/pipeline}: the pipeline's state as JSON ({@link PipelineStatus}).
 * </ul>
 *
 * <p>Served by the JDK's own {@code com.sun.net.httpserver}: four read-only endpoints scraped a
 * few times a minute need no web framework and no extra dependency. Requests run on virtual
 * threads, away from the pipeline's.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private AdminServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code host:port} (port 0: any free one) and starts serving. */
  public static AdminServer start(String host, int port, Pipeline pipeline, PrometheusMeterRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", exchange -> {
      switch (exchange.getRequestURI().getPath()) {
        case "/healthz" -> respond(exchange, 200, "text/plain; charset=utf-8", () -> "ok\n");
        case "/readyz" -> {
          PipelineState state = pipeline.state();
          respond(exchange, state == PipelineState.RUNNING ? 200 : 503, "text/plain; charset=utf-8", () -> state.name() + "\n");
        }
        case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, registry::scrape);
        case "/api/pipeline" -> respond(exchange, 200, "application/json", () -> PipelineStatus.json(pipeline));
        default -> respond(exchange, 404, "text/plain; charset=utf-8",
            () -> "not found; try /healthz, /readyz, /metrics or /api/pipeline\n");
      }
    });
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    return new AdminServer(server, executor);
  }

  /** The address actually bound (the port chosen when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, Supplier<String> body) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes;
      try {
        bytes = body.get().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        log.warn("admin port: {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
        status = 500;
        contentType = "text/plain; charset=utf-8";
        bytes = ("error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops accepting requests and lets running ones finish (at most a second). */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
  }
}
