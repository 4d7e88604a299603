package io.logpro.core.observe;

import static io.logpro.core.observe.ObserveFixtures.await;
import static io.logpro.core.observe.ObserveFixtures.call;
import static io.logpro.core.observe.ObserveFixtures.get;
import static io.logpro.core.observe.ObserveFixtures.pipeline;
import static io.logpro.core.observe.ObserveFixtures.runInBackground;
import static io.logpro.core.observe.ObserveFixtures.sample;
import static io.logpro.core.observe.ObserveFixtures.samples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpro.core.ComponentRegistry;
import io.logpro.core.config.PipelineDefinition;
import io.logpro.core.engine.Pipeline;
import io.logpro.core.engine.PipelineResult;
import io.logpro.core.engine.PipelineState;
import io.logpro.core.testing.CountingSource;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port over real HTTP on an ephemeral port, while and after a pipeline runs. */
class AdminServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PipelineDefinition.Admin EPHEMERAL = new PipelineDefinition.Admin("127.0.0.1", 0);

  @TempDir Path tmp;
  private final ComponentRegistry registry = ObserveFixtures.registry();
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String name = "obs-" + id;

  /** 1000 numbers, every 10th unreadable; sink a takes all, sink b keeps even numbers (odd ones are rejected). */
  private Pipeline boundedWithRejects() {
    String sinks = """
        a: {type: memory, table: a-%s}
        b:
          type: memory
          table: b-%s
          processing:
            - type: even_only
        """.formatted(id, id);
    return new Pipeline(pipeline(name, "{type: counting, count: 1000, bad_every: 10, format: {type: number}}", sinks, tmp), registry);
  }

  private Pipeline endless() {
    return new Pipeline(pipeline(name, "{type: counting, count: 50000000, format: {type: number}}",
        "a: {type: memory, table: a-" + id + "}", tmp), registry);
  }

  private static Observability observe(Pipeline p) throws Exception {
    return Observability.start(p, EPHEMERAL, null, null);
  }

  @Test
  void healthzAnswers200WhileTheProcessIsAlive() throws Exception {
    Pipeline p = boundedWithRejects();
    try (Observability o = observe(p)) {
      assertThat(o.adminAddress().getPort()).isPositive();
      assertThat(get(o.adminAddress(), "/healthz").status()).isEqualTo(200);
      assertThat(p.run().failure()).isNull();
      ObserveFixtures.Response r = get(o.adminAddress(), "/healthz");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("ok\n");
    }
  }

  @Test
  void readyzIs200WhileRunningAnd503WithTheStateOtherwise() throws Exception {
    Pipeline p = endless();
    try (Observability o = observe(p)) {
      InetSocketAddress admin = o.adminAddress();
      ObserveFixtures.Response before = get(admin, "/readyz");
      assertThat(before.status()).isEqualTo(503);
      assertThat(before.body()).isEqualTo("INIT\n");

      AtomicReference<PipelineResult> result = new AtomicReference<>();
      Thread runner = runInBackground(p, result);
      await("the pipeline runs", () -> p.state() == PipelineState.RUNNING && p.stats().recordsRead.get() > 0);
      ObserveFixtures.Response running = get(admin, "/readyz");
      assertThat(running.status()).isEqualTo(200);
      assertThat(running.body()).isEqualTo("RUNNING\n");

      p.stop();
      runner.join();
      assertThat(result.get().failure()).isNull();
      ObserveFixtures.Response after = get(admin, "/readyz");
      assertThat(after.status()).isEqualTo(503);
      assertThat(after.body()).isEqualTo("CLOSED\n");
    }
  }

  @Test
  void metricsCountRecordsRowsCommitsAndDeadLettersOfABoundedRunExactly() throws Exception {
    Pipeline p = boundedWithRejects();
    try (Observability o = observe(p)) {
      assertThat(p.run().failure()).isNull();
      ObserveFixtures.Response r = get(o.adminAddress(), "/metrics");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.contentType()).startsWith("text/plain");
      String m = r.body();
      Map<String, String> pl = Map.of("pipeline", name);

      assertThat(sample(m, "logpro_records_read_total", pl)).isEqualTo(1000);
      assertThat(sample(m, "logpro_bytes_read_total", pl)).isEqualTo(CountingSourceBytes.of(1000, 10));
      assertThat(sample(m, "logpro_rows_decoded_total", pl)).isEqualTo(900);
      assertThat(sample(m, "logpro_rows_written_total", with(pl, "sink", "a"))).isEqualTo(900);
      // even numbers that are not multiples of 10
      assertThat(sample(m, "logpro_rows_written_total", with(pl, "sink", "b"))).isEqualTo(400);
      assertThat(sample(m, "logpro_rows_written_total", with(pl, "sink", "dlq"))).isEqualTo(600);
      assertThat(sample(m, "logpro_rows_skipped_total", with(pl, "sink", "a"))).isZero();
      assertThat(sample(m, "logpro_rows_failed_total", with(pl, "stage", "decode"))).isEqualTo(100);
      assertThat(sample(m, "logpro_rows_failed_total", with(pl, "stage", "processor"))).isEqualTo(500);
      assertThat(sample(m, "logpro_rows_failed_total", with(pl, "stage", "sink"))).isZero();
      assertThat(sample(m, "logpro_rows_failed_total", with(pl, "stage", "read"))).isZero();
      assertThat(sample(m, "logpro_dead_letters_total", pl)).isEqualTo(600);

      double commitsA = sample(m, "logpro_commits_total", with(pl, "sink", "a"));
      assertThat(commitsA).isEqualTo(p.stats().commits("a").get()).isPositive();
      assertThat(sample(m, "logpro_commit_seconds_count", with(pl, "sink", "a"))).isEqualTo(commitsA);
      assertThat(samples(m, "logpro_commit_seconds_bucket", with(pl, "sink", "a"))).isNotEmpty();
      for (String stage : List.of("decode", "process", "write")) {
        assertThat(sample(m, "logpro_batch_seconds_count", with(pl, "stage", stage))).as(stage).isPositive();
        assertThat(samples(m, "logpro_batch_seconds_bucket", with(pl, "stage", stage))).as(stage).hasSizeGreaterThan(5);
      }

      for (String queue : List.of("decode", "sink:a", "sink:b", "sink:dlq")) {
        assertThat(sample(m, "logpro_queue_batches", with(pl, "queue", queue))).as(queue).isZero();
        assertThat(sample(m, "logpro_queue_bytes", with(pl, "queue", queue))).as(queue).isZero();
      }
      assertThat(sample(m, "logpro_checkpoint_lag_seconds", pl)).isZero();
      assertThat(sample(m, "logpro_pipeline_state", with(pl, "state", "CLOSED"))).isEqualTo(1);
      assertThat(sample(m, "logpro_pipeline_state", with(pl, "state", "RUNNING"))).isZero();
      assertThat(samples(m, "logpro_source_lag_records", Map.of())).as("the counting source does not know its lag").isEmpty();

      // the JVM and process binders
      assertThat(samples(m, "jvm_memory_used_bytes", Map.of())).isNotEmpty();
      assertThat(samples(m, "jvm_threads_live_threads", Map.of())).isNotEmpty();
      assertThat(samples(m, "system_cpu_count", Map.of())).isNotEmpty();
      assertThat(m).contains("jvm_gc_");
    }
  }

  @Test
  void aLaggingSourceHasItsLagGauge() throws Exception {
    Pipeline p = new Pipeline(pipeline(name, "{type: lagging, count: 500, format: {type: number}}",
        "a: {type: memory, table: a-" + id + "}", tmp), registry);
    try (Observability o = observe(p)) {
      assertThat(p.run().failure()).isNull();
      String m = get(o.adminAddress(), "/metrics").body();
      assertThat(sample(m, "logpro_source_lag_records", Map.of("pipeline", name))).isZero();
      assertThat(sample(m, "logpro_records_read_total", Map.of("pipeline", name))).isEqualTo(500);
      JsonNode api = JSON.readTree(get(o.adminAddress(), "/api/pipeline").body());
      assertThat(api.path("source").path("lag_records").asLong(-1)).isZero();
    }
  }

  @Test
  void apiPipelineDescribesStateSinksQueuesAndTheAcknowledgedCheckpoint() throws Exception {
    CountingSource.ACKS.clear();
    Pipeline p = boundedWithRejects();
    try (Observability o = observe(p)) {
      assertThat(p.run().failure()).isNull();
      ObserveFixtures.Response r = get(o.adminAddress(), "/api/pipeline");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.contentType()).startsWith("application/json");
      JsonNode api = JSON.readTree(r.body());

      assertThat(api.path("name").asText()).isEqualTo(name);
      assertThat(api.path("state").asText()).isEqualTo("CLOSED");
      assertThat(api.path("uptime_seconds").isNumber()).isTrue();
      assertThat(api.path("started_at").asText()).isNotEmpty();
      assertThat(api.path("source").path("type").asText()).isEqualTo("counting");
      assertThat(api.path("source").path("records_read").asLong()).isEqualTo(1000);
      assertThat(api.path("source").path("lag_records").isNull()).isTrue();
      assertThat(api.path("dead_letters").asLong()).isEqualTo(600);
      assertThat(api.path("rows_failed").path("decode").asLong()).isEqualTo(100);
      assertThat(api.path("rows_failed").path("processor").asLong()).isEqualTo(500);

      List<String> sinkNames = new ArrayList<>();
      for (JsonNode s : api.path("sinks")) {
        sinkNames.add(s.path("name").asText());
        assertThat(s.path("type").asText()).isEqualTo("memory");
        assertThat(s.path("commits").asLong()).as(s.toString()).isPositive();
        assertThat(s.path("last_commit_at").asText()).as(s.toString()).isNotEmpty();
        assertThat(s.has("rows_skipped")).isTrue();
      }
      assertThat(sinkNames).containsExactly("a", "b", "dlq");
      assertThat(api.path("sinks").get(0).path("rows_written").asLong()).isEqualTo(900);
      assertThat(api.path("sinks").get(1).path("rows_written").asLong()).isEqualTo(400);

      List<String> queues = new ArrayList<>();
      for (JsonNode q : api.path("queues")) {
        queues.add(q.path("name").asText());
        assertThat(q.path("batches").asInt(-1)).isZero();
        assertThat(q.path("bytes").asLong(-1)).isZero();
      }
      assertThat(queues).containsExactly("decode", "sink:a", "sink:b", "sink:dlq");

      JsonNode cp = api.path("checkpoint");
      assertThat(cp.path("last_acknowledged")).hasSize(1);
      assertThat(cp.path("last_acknowledged").get(0).path("partition").asText()).isEqualTo(CountingSource.PARTITION);
      assertThat(cp.path("last_acknowledged").get(0).path("sequence").asLong()).isEqualTo(1000);
      assertThat(cp.path("acknowledged_at").asText()).isNotEmpty();
      assertThat(cp.path("lag_seconds").asDouble(-1)).isZero();
    }
  }

  @Test
  void checkpointLagGrowsWhileASinkCannotCommitAndReturnsToZeroOnceItHas() throws Exception {
    String gate = "gate-" + id;
    Pipeline p = new Pipeline(pipeline(name, "{type: counting, count: 50000000, format: {type: number}}",
        "g: {type: gate, gate: " + gate + "}", tmp), registry);
    try (Observability o = observe(p)) {
      AtomicReference<PipelineResult> result = new AtomicReference<>();
      Thread runner = runInBackground(p, result);
      try {
        ObserveFixtures.GateSink.reached(gate).await();
        // the sink is stuck in its first commit: the batches behind it fill its queue
        await("the sink's queue fills", () -> p.queueBatches("sink:g") == p.definition().engine().queueBatches());
        String m = get(o.adminAddress(), "/metrics").body();
        assertThat(sample(m, "logpro_checkpoint_lag_seconds", Map.of("pipeline", name))).isPositive();
        assertThat(sample(m, "logpro_queue_batches", Map.of("pipeline", name, "queue", "sink:g")))
            .isEqualTo(p.definition().engine().queueBatches());
        assertThat(sample(m, "logpro_queue_bytes", Map.of("pipeline", name, "queue", "sink:g"))).isPositive();
        JsonNode api = JSON.readTree(get(o.adminAddress(), "/api/pipeline").body());
        assertThat(api.path("state").asText()).isEqualTo("RUNNING");
        assertThat(api.path("checkpoint").path("last_acknowledged")).isEmpty();
        assertThat(api.path("checkpoint").path("acknowledged_at").isNull()).isTrue();
      } finally {
        p.stop();
        ObserveFixtures.GateSink.gate(gate).countDown();
      }
      runner.join();
      assertThat(result.get().failure()).isNull();
      String m = get(o.adminAddress(), "/metrics").body();
      assertThat(sample(m, "logpro_checkpoint_lag_seconds", Map.of("pipeline", name))).isZero();
      assertThat(p.stats().lastAcknowledged().get(CountingSource.PARTITION).sequence()).isEqualTo(p.stats().recordsRead.get());
    }
  }

  @Test
  void unknownPathsAre404AndWritesAre405() throws Exception {
    Pipeline p = boundedWithRejects();
    try (Observability o = observe(p)) {
      assertThat(get(o.adminAddress(), "/nope").status()).isEqualTo(404);
      assertThat(get(o.adminAddress(), "/healthzz").status()).isEqualTo(404);
      assertThat(call(o.adminAddress(), "/metrics", "POST").status()).isEqualTo(405);
      assertThat(call(o.adminAddress(), "/readyz", "HEAD").status()).isEqualTo(503);
    }
  }

  @Test
  void withoutAnAdminPortNothingIsServedAndThePipelineRunsAsBefore() throws Exception {
    Pipeline p = boundedWithRejects();
    try (Observability o = Observability.start(p, PipelineDefinition.Observability.NONE)) {
      assertThat(o.adminAddress()).isNull();
      assertThat(o.registry()).isNull();
      PipelineResult r = p.run();
      assertThat(r.failure()).isNull();
      assertThat(r.stats().rowsWritten("a").get()).isEqualTo(900);
    }
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> m = new java.util.HashMap<>(base);
    m.put(key, value);
    return m;
  }

  /** The bytes CountingSource produces: each number as text, "oops" in place of every bad one. */
  private static final class CountingSourceBytes {
    static double of(long count, long badEvery) {
      long total = 0;
      for (long n = 1; n <= count; n++) total += (badEvery > 0 && n % badEvery == 0) ? 4 : Long.toString(n).length();
      return total;
    }
  }
}
