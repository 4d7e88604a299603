package io.logpro.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.config.MapConfig;
import io.logpro.http.Receiver.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The http sink against a real HTTP receiver (the JDK's HttpServer on an ephemeral port). */
class HttpSinkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RootAllocator allocator = new RootAllocator();
  private final Receiver receiver;
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private RecordingContext context;

  HttpSinkIT() throws IOException {
    receiver = new Receiver();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    receiver.close();
    allocator.close();
  }

  /** A sink on the receiver's /hook whose retries record their delays instead of sleeping. */
  private HttpSink sink(Map<String, Object> config) {
    Map<String, Object> c = new HashMap<>(config);
    c.putIfAbsent("url", receiver.url("/hook").toString());
    c.putIfAbsent("retry", Map.of("max_attempts", 5, "initial_backoff", "10ms", "max_backoff", "2s"));
    HttpSink sink = new HttpSink(HttpSinkFactory.settings(MapConfig.of(HttpSinkFactory.SPEC, c)), sleeps::add);
    context = new RecordingContext("hooks", "webhook", allocator);
    sink.open(context);
    open.add(sink);
    return sink;
  }

  private void write(HttpSink sink, long firstId, int rows) throws Exception {
    try (Batch batch = TestRows.batch(allocator, firstId, rows)) {
      sink.write(batch);
    }
  }

  private static List<JsonNode> rowsOf(Receiver.Request request) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(request.body()).forEach(out::add);
    return out;
  }

  @Test
  void sendsOneRequestPerBatchRowsChunkAndEveryRowOnceAsTypedJson() throws Exception {
    HttpSink sink = sink(Map.of("batch_rows", 100));

    write(sink, 0, 250);
    write(sink, 250, 30);
    sink.commit(Checkpoint.empty());

    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).hasSize(4);
    List<Integer> sizes = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (Receiver.Request r : requests) {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      List<JsonNode> rows = rowsOf(r);
      sizes.add(rows.size());
      for (JsonNode row : rows) {
        long id = row.get("id").longValue();
        ids.add(id);
        assertThat(row.get("id").isIntegralNumber()).isTrue();
        if (TestRows.name(id) == null) assertThat(row.get("name").isNull()).isTrue();
        else assertThat(row.get("name").textValue()).isEqualTo(TestRows.name(id));
        assertThat(row.get("fare").isDouble()).isTrue();
        assertThat(row.get("fare").doubleValue()).isEqualTo(TestRows.fare(id));
        assertThat(row.get("paid").isBoolean()).isTrue();
        assertThat(row.get("paid").booleanValue()).isEqualTo(TestRows.paid(id));
        long micros = TestRows.atMicros(id);
        assertThat(Instant.parse(row.get("at").textValue()))
            .isEqualTo(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000));
      }
    }
    assertThat(sizes).containsExactly(100, 100, 50, 30);
    assertThat(ids).containsExactlyElementsOf(LongStream.range(0, 280).boxed().toList());
    assertThat(requests.stream().map(r -> r.header("Idempotency-Key")).distinct()).hasSize(4);
    assertThat(context.rejected()).isEmpty();
  }

  @Test
  void ndjsonPutSendsOneRowPerLine() throws Exception {
    HttpSink sink = sink(Map.of("body", "ndjson", "method", "PUT"));

    write(sink, 10, 5);

    Receiver.Request r = receiver.requests().getFirst();
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
    assertThat(r.text()).endsWith("\n");
    List<Long> ids = new ArrayList<>();
    for (String line : r.text().split("\n")) ids.add(JSON.readTree(line).get("id").longValue());
    assertThat(ids).containsExactly(10L, 11L, 12L, 13L, 14L);
  }

  @Test
  void signatureVerifiesWithTheSecretAndNotWithAnother() throws Exception {
    HttpSink sink = sink(Map.of("secret", "whsec_right"));

    write(sink, 0, 3);

    Receiver.Request r = receiver.requests().getFirst();
    String header = r.header("X-Logpro-Signature");
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    assertThat(Math.abs(t - Instant.now().getEpochSecond())).isLessThan(300);
    // checked the way a receiver does it, independently of WebhookSignature
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("whsec_right".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    assertThat(header).endsWith("v1=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
    assertThat(new WebhookSignature("whsec_right").verifies(header, r.body())).isTrue();
    assertThat(new WebhookSignature("whsec_wrong").verifies(header, r.body())).isFalse();
  }

  @Test
  void configuredHeadersAndSignatureHeaderAreSent() throws Exception {
    HttpSink sink = sink(Map.of("secret", "s", "signature_header", "X-Sig", "headers", Map.of("Authorization", "Bearer abc")));

    write(sink, 0, 1);

    Receiver.Request r = receiver.requests().getFirst();
    assertThat(r.header("Authorization")).isEqualTo("Bearer abc");
    assertThat(r.header("X-Sig")).startsWith("t=");
    assertThat(r.header("X-Logpro-Signature")).isNull();
  }

  @Test
  void unsignedWithoutASecret() throws Exception {
    HttpSink sink = sink(Map.of());

    write(sink, 0, 1);

    assertThat(receiver.requests().getFirst().header("X-Logpro-Signature")).isNull();
  }

  @Test
  void a503ThreeTimesThenA200DeliversOnceWithTheSameKey() throws Exception {
    receiver.script(Answer.of(503), Answer.of(503), Answer.of(503));
    HttpSink sink = sink(Map.of());

    write(sink, 0, 20);

    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).hasSize(4);
    assertThat(requests.stream().map(Receiver.Request::text).distinct()).hasSize(1);
    assertThat(requests.stream().map(r -> r.header("Idempotency-Key")).distinct()).hasSize(1);
    assertThat(sleeps).hasSize(3);
    assertThat(context.rejected()).isEmpty();
  }

  @Test
  void rowsOfARequestThatKeepsFailingGoToTheDeadLetterOutputWithoutFailingTheBatch() throws Exception {
    receiver.otherwise(Answer.of(503, "down for maintenance"));
    HttpSink sink = sink(Map.of("batch_rows", 4, "retry", Map.of("max_attempts", 3, "initial_backoff", "1ms")));

    write(sink, 0, 6);
    sink.commit(Checkpoint.empty());

    assertThat(receiver.requests()).hasSize(6); // two requests, three attempts each
    assertThat(context.rejectedIds()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(context.rejected()).allSatisfy(r -> assertThat(r.error())
        .isEqualTo("no success after 3 attempt(s), last: HTTP 503: down for maintenance"));
  }

  @Test
  void onExhaustedFailFailsTheBatchAndRejectsNothing() throws Exception {
    receiver.otherwise(Answer.of(503));
    HttpSink sink = sink(Map.of("on_exhausted", "fail", "retry", Map.of("max_attempts", 2, "initial_backoff", "1ms")));

    assertThatThrownBy(() -> write(sink, 0, 3)).isInstanceOf(IOException.class)
        .hasMessageContaining("http sink webhook: POST http://127.0.0.1:").hasMessageContaining("unreachable")
        .hasMessageContaining("HTTP 503");
    assertThat(receiver.requests()).hasSize(2);
    assertThat(context.rejected()).isEmpty();
  }

  @Test
  void aRefusedConnectionIsRetriedThenDeadLettered() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    HttpSink sink = sink(Map.of("url", "http://127.0.0.1:" + port + "/hook", "retry", Map.of("max_attempts", 2, "initial_backoff", "1ms")));

    write(sink, 0, 2);

    assertThat(sleeps).hasSize(1);
    assertThat(context.rejectedIds()).containsExactly(0L, 1L);
    assertThat(context.rejected().getFirst().error()).startsWith("no success after 2 attempt(s), last: ConnectException");
  }

  @Test
  void a400GoesToTheDeadLetterOutputAtOnceWithTheStartOfTheBody() throws Exception {
    String body = "x".repeat(150) + "y".repeat(150);
    receiver.script(Answer.of(400, body));
    HttpSink sink = sink(Map.of());

    write(sink, 0, 3);

    assertThat(receiver.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(context.rejectedIds()).containsExactly(0L, 1L, 2L);
    assertThat(context.rejected()).allSatisfy(r -> assertThat(r.error()).isEqualTo("HTTP 400: " + body.substring(0, 200)));
  }

  @Test
  void onlyTheRefusedRequestsRowsAreDeadLettered() throws Exception {
    receiver.script(Answer.of(200), Answer.of(422, "bad row"), Answer.of(200));
    HttpSink sink = sink(Map.of("batch_rows", 2));

    write(sink, 0, 6);

    assertThat(receiver.requests()).hasSize(3);
    assertThat(context.rejectedIds()).containsExactly(2L, 3L);
  }

  @Test
  void aReceiverSlowerThanTheTimeoutIsRetried() throws Exception {
    receiver.script(new Answer(200, "late", Map.of(), 5_000));
    HttpSink sink = sink(Map.of("timeout", "300ms"));

    write(sink, 0, 2);

    assertThat(receiver.requests()).hasSize(2);
    assertThat(sleeps).hasSize(1);
    assertThat(context.rejected()).isEmpty();
  }

  @Test
  void retryAfterSecondsIsHonouredAndCappedByMaxBackoff() throws Exception {
    receiver.script(new Answer(429, "", Map.of("Retry-After", "1"), 0), new Answer(503, "", Map.of("Retry-After", "120"), 0));
    HttpSink sink = sink(Map.of("retry", Map.of("max_attempts", 5, "initial_backoff", "1ms", "max_backoff", "2s")));

    write(sink, 0, 1);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(receiver.requests()).hasSize(3);
    assertThat(context.rejected()).isEmpty();
  }

  @Test
  void anEmptyBatchSendsNothing() throws Exception {
    HttpSink sink = sink(Map.of());

    write(sink, 0, 0);

    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void nothingLoggedOrDeadLetteredContainsASecret() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      receiver.script(Answer.of(503), Answer.of(200), Answer.of(404, "no such hook")).otherwise(Answer.of(500));
      HttpSink sink = sink(Map.of("url", receiver.url("/hook?token=QUERY-SECRET-3").toString(),
          "secret", "SIGNING-SECRET-1", "headers", Map.of("Authorization", "Bearer HEADER-SECRET-2"),
          "retry", Map.of("max_attempts", 2, "initial_backoff", "1ms")));

      write(sink, 0, 1); // 503 then 200: a retry logged at WARN
      write(sink, 1, 1); // 404: dead-lettered
      write(sink, 2, 1); // 500 twice: exhausted, logged at ERROR
      assertThat(sink.toString()).doesNotContain("SECRET");
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("WARN").contains("retrying").contains("ERROR").contains("/hook?***");
    assertThat(log).doesNotContain("SECRET");
    assertThat(context.rejected()).hasSize(2).allSatisfy(r -> assertThat(r.error()).doesNotContain("SECRET"));
    assertThat(receiver.requests().getFirst().header("Authorization")).isEqualTo("Bearer HEADER-SECRET-2");
  }
}
