package io.logpro.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import io.logpro.api.RetryPolicy;
import io.logpro.api.checkpoint.CheckpointStore;
import io.logpro.api.config.MapConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresCheckpointStoreIT {
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() throws Exception {
    db = new TestDatabase();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  private CheckpointStore store(String pipeline) {
    var factory = new PostgresCheckpointStoreFactory();
    return factory.create(new MapConfig("postgres", "checkpoint_store", factory.spec(), Map.of("url", db.url(), "user", "postgres",
        "retry", Map.of("max_attempts", 5L, "initial_backoff", "10ms"))), pipeline, "/unused");
  }

  @Test
  void anEmptyStoreLoadsAnEmptyCheckpointAndCreatesItsTable() throws Exception {
    try (CheckpointStore s = store("fresh")) {
      assertThat(s.load()).isEqualTo(Checkpoint.empty());
    }
    assertThat(db.value("SELECT to_regclass('logpro.offsets') IS NOT NULL")).isEqualTo(true);
  }

  @Test
  void aSavedCheckpointIsLoadedByTheNextInstanceOfTheSamePipelineOnly() throws Exception {
    Checkpoint cp = Checkpoint.of(Position.of("orders-0", 42), new Position("pg:shop", 99, "{\"lsn\":99}"));
    try (CheckpointStore s = store("a")) {
      s.save(Checkpoint.of(Position.of("orders-0", 1)));
      s.save(cp);
    }
    try (CheckpointStore again = store("a"); CheckpointStore other = store("b")) {
      assertThat(again.load()).isEqualTo(cp);
      assertThat(other.load()).isEqualTo(Checkpoint.empty());
    }
  }

  @Test
  void aLostConnectionIsReopenedAndTheSaveLands() throws Exception {
    try (CheckpointStore s = store("cut")) {
      s.save(Checkpoint.of(Position.of("p", 1)));
      assertThat(db.terminateSinkSessions("cut")).isEqualTo(1);
      s.save(Checkpoint.of(Position.of("p", 2)));
      assertThat(s.load().get("p").sequence()).isEqualTo(2);
    }
  }

  @Test
  void theRetryPolicyComesFromTheRetryBlock() {
    var factory = new PostgresCheckpointStoreFactory();
    var config = new MapConfig("postgres", "checkpoint_store", factory.spec(), Map.of("url", db.url(), "retry", Map.of("max_attempts", 2L)));
    assertThat(RetryPolicy.from(config).maxAttempts()).isEqualTo(2);
    assertThat(RetryPolicy.from(config).initialBackoff()).isEqualTo(Duration.ofMillis(200));
  }
}
