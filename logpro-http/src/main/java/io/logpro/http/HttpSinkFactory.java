package io.logpro.http;

import io.logpro.api.OnExhausted;
import io.logpro.api.RetryPolicy;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The {@code http} sink (webhooks). */
public final class HttpSinkFactory implements SinkFactory {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  static final ConfigSpec SPEC = ConfigSpec.builder("http",
          "Sends rows as JSON to a webhook: one request per batch_rows rows (a JSON array of row objects, or NDJSON),"
              + " signed with HMAC-SHA256 when a secret is set (header t=<unix seconds>,v1=<hex HMAC of \"<t>.<body>\">)"
              + " and carrying an Idempotency-Key stable across redeliveries. Requests are sent before positions"
              + " advance; connect errors, timeouts, 408, 425, 429 (Retry-After honoured) and 5xx are retried, other"
              + " 4xx send the request's rows to the dead-letter output at once. At least once: after a crash a"
              + " request may come again with the same Idempotency-Key. The sink's when: condition applies (only"
              + " matching rows are sent).")
      .field(FieldSpec.string("url", "Where requests go (http or https).").asRequired()
          .withExample("https://hooks.example.com/logpro"))
      .field(FieldSpec.oneOf("method", "The request method.", "POST", "PUT").withDefault("POST"))
      .field(FieldSpec.of("headers", FieldType.ANY, "Extra request headers, name: value (values may be secrets, never logged).")
          .asSecret().withExample("{Authorization: \"Bearer ${HOOK_TOKEN}\"}"))
      .field(FieldSpec.integer("batch_rows", "Rows per request at most (a batch is split into requests of this size).")
          .withDefault(500L))
      .field(FieldSpec.oneOf("body", "json_array: a JSON array of row objects; ndjson: one row object per line.",
          "json_array", "ndjson").withDefault("json_array"))
      .field(FieldSpec.duration("timeout", "Connect timeout, and the longest wait for a response to one request.")
          .withDefault("10s"))
      .field(FieldSpec.string("secret", "HMAC-SHA256 key that signs each request (no signature when absent).")
          .asSecret().withExample("${HOOK_SECRET}"))
      .field(FieldSpec.string("signature_header", "The header that carries the signature.").withDefault("X-Logpro-Signature"))
      .field(RetryPolicy.field())
      .field(OnExhausted.field("a failing request"))
      .build();

  @Override
  public ConfigSpec spec() {
    return SPEC;
  }

  @Override
  public Sink create(Config config) {
    return new HttpSink(settings(config));
  }

  static HttpSink.Settings settings(Config config) {
    URI url = url(config);
    int batchRows = config.integer("batch_rows");
    if (batchRows < 1) throw config.error("batch_rows", "expected 1 or more, found " + batchRows);
    Duration timeout = config.duration("timeout");
    if (timeout.isZero() || timeout.isNegative()) throw config.error("timeout", "expected a positive duration, found " + timeout);
    String secret = config.string("secret");
    if (secret != null && secret.isEmpty()) throw config.error("secret", "expected a key, found an empty string");
    String signatureHeader = config.string("signature_header").trim();
    if (signatureHeader.isEmpty()) throw config.error("signature_header", "expected a header name, found nothing");
    Map<String, String> headers = headers(config, signatureHeader);
    return new HttpSink.Settings(url, config.string("method").toUpperCase(Locale.ROOT), headers, batchRows,
        BodyFormat.of(config.string("body")), timeout, secret == null ? null : new WebhookSignature(secret), signatureHeader,
        RetryPolicy.from(config), OnExhausted.from(config));
  }

  private static URI url(Config config) {
    String text = config.string("url");
    if (text == null || text.isBlank()) throw config.error("url", "expected an http or https URL, found nothing");
    URI url;
    try {
      url = new URI(text.trim());
    } catch (URISyntaxException e) {
      // the message repeats the URL, which may hold a token: name the problem only
      throw config.error("url", "expected an http or https URL, found one that does not parse (" + e.getReason() + ")");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw config.error("url", "expected an http or https URL, found scheme '" + scheme + "'");
    }
    if (url.getHost() == null) throw config.error("url", "expected an http or https URL with a host, found none");
    return url;
  }

  private static Map<String, String> headers(Config config, String signatureHeader) {
    Object raw = config.raw("headers");
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) return out;
    if (!(raw instanceof Map<?, ?> map)) throw config.error("headers", "expected a mapping of header names to values");
    for (var e : map.entrySet()) {
      String name = String.valueOf(e.getKey()).trim();
      Object value = e.getValue();
      if (name.isEmpty()) throw config.error("headers", "expected header names, found an empty one");
      if (value == null || value instanceof Map || value instanceof java.util.List) {
        // the value is not echoed: it may be a secret
        throw config.error("headers", "expected a text value for header '" + name + "'");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (RESTRICTED.contains(lower)) throw config.error("headers", "header '" + name + "' is set by the HTTP client and cannot be configured");
      if (lower.equals("idempotency-key") || lower.equals(signatureHeader.toLowerCase(Locale.ROOT))) {
        throw config.error("headers", "header '" + name + "' is set by the sink for every request and cannot be configured");
      }
      out.put(name, String.valueOf(value));
    }
    return out;
  }
}
