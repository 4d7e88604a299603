package io.logpro.http;

import io.logpro.api.OnExhausted;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.RetryPolicy;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rows to a webhook, {@code batch_rows} rows per request, synchronously in {@link #write}:
 * when {@code write} returns, every request of the batch got a 2xx or its rows went to the
 * dead-letter output, so {@link #commit} has nothing left to wait for and positions advance only
 * over delivered (or dead-lettered) rows.
 *
 * <p>Not {@link io.logpro.api.sink.Transactional}: delivery is at least once. After a crash a
 * request may be sent again; it carries the same {@code Idempotency-Key} so that the receiver can
 * drop it.
 */
public final class HttpSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(HttpSink.class);
  /** How much of an error response is read; the dead letter keeps the first 200 characters. */
  private static final int ERROR_BODY_BYTES = 1024;
  private static final int ERROR_BODY_CHARS = 200;

  /**
   * @param url             where requests go
   * @param method          POST or PUT
   * @param headers         extra headers (values may be secrets)
   * @param batchRows       rows per request at most
   * @param body            how rows are framed
   * @param timeout         connect timeout and response timeout of one request
   * @param signature       signs each request, or null
   * @param signatureHeader the header that carries the signature
   * @param retry           retries of transient failures
   * @param onExhausted     what happens after the last retry
   */
  public record Settings(URI url, String method, Map<String, String> headers, int batchRows, BodyFormat body, Duration timeout,
                         WebhookSignature signature, String signatureHeader, RetryPolicy retry, OnExhausted onExhausted) {
    public Settings {
      headers = Map.copyOf(headers);
    }

    @Override
    public String toString() { // headers and the secret stay out of any log line or exception that prints settings
      return "HttpSink.Settings[url=" + SafeText.url(url) + ", method=" + method + ", headers=" + headers.keySet()
          + ", batchRows=" + batchRows + ", body=" + body + ", timeout=" + timeout + ", signed=" + (signature != null)
          + ", retry=" + retry + ", onExhausted=" + onExhausted + "]";
    }
  }

  /** Waits between attempts; tests replace it to see the delays without spending them. */
  interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }

  /** What one request got back. */
  private sealed interface Reply {
    record Ok() implements Reply {}

    /** The receiver refused the rows (a 4xx other than 408, 425, 429): retrying would not help. */
    record Refused(String reason) implements Reply {}

    /** Worth another try; {@code retryAfter} is the receiver's Retry-After, or null. */
    record Failed(String reason, Duration retryAfter) implements Reply {}
  }

  private final Settings settings;
  private final Sleeper sleeper;
  private final String safeUrl;
  private final boolean userContentType;
  private SinkContext context;
  private String pipeline = "";
  private String name = "http";
  private HttpClient client;
  private JsonRows json;

  public HttpSink(Settings settings) {
    this(settings, d -> Thread.sleep(d.toMillis()));
  }

  HttpSink(Settings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.safeUrl = SafeText.url(settings.url());
    this.userContentType = settings.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
  }

  @Override
  public void open(PipelineContext pipelineContext) {
    context = SinkContext.of(pipelineContext);
    pipeline = pipelineContext.pipelineName();
    name = pipelineContext.componentName();
    json = new JsonRows(JsonRows.jsonFormat(), settings.body());
    client = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        // HTTP/1.1 on purpose: no h2c upgrade headers on plain http, which some receivers and proxies refuse
        .version(HttpClient.Version.HTTP_1_1)
        // a redirect of a webhook is a misconfiguration to see (a 3xx goes to the dead-letter output), not to follow
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public void write(Batch batch) throws Exception {
    int rows = batch.rowCount();
    for (int from = 0; from < rows; from += settings.batchRows()) {
      int to = Math.min(rows, from + settings.batchRows());
      deliver(batch, from, to);
    }
  }

  private void deliver(Batch batch, int from, int to) throws Exception {
    byte[] body = json.body(batch.root(), from, to);
    String key = idempotencyKey(batch, from, to, body);
    Reply reply = send(body, key, to - from);
    switch (reply) {
      case Reply.Ok ok -> { }
      case Reply.Refused refused -> reject(batch, from, to, refused.reason());
      case Reply.Failed failed -> {
        String reason = "no success after " + settings.retry().maxAttempts() + " attempt(s), last: " + failed.reason();
        if (settings.onExhausted() == OnExhausted.FAIL) {
          throw new IOException("http sink " + name + ": " + settings.method() + " " + safeUrl + " unreachable, " + reason);
        }
        log.error("http sink {}: {} {} unreachable, {}; {} row(s) go to the dead-letter output", name, settings.method(),
            safeUrl, reason, to - from);
        reject(batch, from, to, reason);
      }
    }
  }

  private void reject(Batch batch, int from, int to, String reason) {
    for (int row = from; row < to; row++) context.reject(batch, row, reason);
  }

  /**
   * Sends one request until it succeeds, is refused or the attempts are used up. Not
   * {@link RetryPolicy#run}: a receiver's Retry-After replaces the policy's delay (capped by
   * max_backoff), which run cannot express; the delays otherwise are the policy's own.
   */
  private Reply send(byte[] body, String key, int rows) throws InterruptedException {
    RetryPolicy retry = settings.retry();
    for (int attempt = 1; ; attempt++) {
      Reply reply = sendOnce(body, key);
      if (!(reply instanceof Reply.Failed failed) || attempt >= retry.maxAttempts()) return reply;
      Duration delay = failed.retryAfter() == null ? retry.delayAfter(attempt)
          : min(failed.retryAfter(), retry.maxBackoff());
      log.warn("http sink {}: {} {} ({} rows) failed on attempt {} of {}: {}; retrying in {} ms", name, settings.method(),
          safeUrl, rows, attempt, retry.maxAttempts(), failed.reason(), delay.toMillis());
      sleeper.sleep(delay);
    }
  }

  private Reply sendOnce(byte[] body, String key) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .method(settings.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    settings.headers().forEach(request::header);
    if (!userContentType) request.header("Content-Type", settings.body().contentType());
    request.header("Idempotency-Key", key);
    if (settings.signature() != null) {
      // signed per attempt: a retry carries a fresh time, so the receiver's freshness check still passes
      request.header(settings.signatureHeader(), settings.signature().header(System.currentTimeMillis() / 1000, body));
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), info -> info.statusCode() / 100 == 2
          ? BodySubscribers.replacing(InputStream.nullInputStream()) // discards the body: the connection stays reusable
          : BodySubscribers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return new Reply.Failed("timed out after " + settings.timeout().toMillis() + " ms (" + SafeText.error(e, settings.url()) + ")", null);
    } catch (IOException e) {
      return new Reply.Failed(SafeText.error(e, settings.url()), null);
    }
    int status = response.statusCode();
    if (status / 100 == 2) return new Reply.Ok();
    String reason = "HTTP " + status + ": " + excerpt(response.body());
    if (isTransient(status)) return new Reply.Failed(reason, RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null)));
    return new Reply.Refused(reason);
  }

  static boolean isTransient(int status) {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  /** The first 200 characters of an error body (reading at most 1 KiB of it). */
  private static String excerpt(InputStream in) {
    try (in) {
      String text = new String(in.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8);
      return text.length() <= ERROR_BODY_CHARS ? text : text.substring(0, ERROR_BODY_CHARS);
    } catch (IOException e) {
      return "(body unreadable: " + e.getClass().getSimpleName() + ")";
    }
  }

  private String idempotencyKey(Batch batch, int from, int to, byte[] body) {
    if (batch.origins() != null) {
      return IdempotencyKey.of(pipeline, name, position(batch, from), position(batch, to - 1), from, to - from);
    }
    // rows without their own positions (a tool, a test): the batch's positions, else the content itself
    Checkpoint covered = batch.positions();
    return covered.isEmpty() ? IdempotencyKey.ofContent(pipeline, name, body)
        : IdempotencyKey.of(pipeline, name, covered.toJson(), from, to - from);
  }

  private static Position position(Batch batch, int row) {
    RawMessage m = batch.origins().message(row);
    return m == null ? null : m.position();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Every request was confirmed in {@link #write}: nothing is left to make durable. */
  @Override
  public void commit(Checkpoint checkpoint) {}

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public String toString() {
    return "HttpSink[" + name + " " + settings.method().toLowerCase(Locale.ROOT) + " " + safeUrl + "]";
  }
}
