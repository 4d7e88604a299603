package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiStats;
import io.logpro.generate.TripKind;
import io.logpro.iceberg.TableReader;
import io.logpro.kafka.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming Medallion pipeline against a real KRaft broker: Bronze, Silver and the DLQ hold exactly the right events. */
class KafkaStreamingIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path work; // kept when a test fails, for its logs

  private Map<String, String> env(KafkaBroker kafka, String topic, String group) {
    return new java.util.HashMap<>(Map.of("KAFKA_BROKERS", kafka.bootstrapServers(), "TOPIC", topic, "GROUP", group,
        "WAREHOUSE", work.resolve("lh").toString(), "COMMIT_INTERVAL", "500ms", "SESSION_TIMEOUT_MS", "6000"));
  }

  private int produce(KafkaBroker kafka, String topic, long seed, long rows, Path log) throws Exception {
    return LogproProcess.run(work, Map.of(), log, 300, "generate", "taxi", "--to", "kafka", "--brokers", kafka.bootstrapServers(),
        "--topic", topic, "--partitions", "6", "--rows", Long.toString(rows), "--seed", Long.toString(seed));
  }

  @Test
  void bronzeSilverAndTheDeadLettersHoldExactlyTheRightEvents() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    Path log = work.resolve("logpro.log");
    long rows = 30_000;
    assertThat(produce(kafka, "trips-e2e", 5, rows, log)).as(LogproProcess.tail(log)).isZero();
    TaxiStats truth = TaxiStats.of(new TaxiGenerator(5), 0, rows);

    Path config = LogproProcess.repoDir().resolve("examples/taxi/streaming.yaml");
    Process p = LogproProcess.start(work, env(kafka, "trips-e2e", "e2e"), log, "run", config.toString());
    Path lh = work.resolve("lh");
    Tables.awaitRows(lh, null, "taxi.bronze_stream", truth.bronzeRows(), 180, log);
    Tables.awaitRows(lh, null, "taxi.silver_stream", truth.silverRows(), 60, log);
    p.destroy(); // SIGTERM: drain and exit 0
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(LogproProcess.tail(log)).isZero();

    TableReader bronze = Tables.read(lh, null, "taxi.bronze_stream");
    TableReader silver = Tables.read(lh, null, "taxi.silver_stream");
    assertThat(Tables.assertEachSourceRowOnce(bronze)).isEqualTo(truth.bronzeRows());
    assertThat(Tables.assertEachSourceRowOnce(silver)).isEqualTo(truth.silverRows());
    assertThat(bronze.sum("fare_amount")).isCloseTo(truth.bronzeFareSum(), within(0.01));
    assertThat(silver.sum("total_amount")).isCloseTo(truth.silverTotalSum(), within(0.01));
    assertThat(silver.table().schema().findField("tip_pct")).isNotNull();

    List<String> dlq = dlqLines(lh.resolve("_dlq/taxi-streaming/0"));
    long malformed = dlq.stream().filter(l -> l.contains("\"stage\":\"decode\"")).count();
    long rejected = dlq.stream().filter(l -> l.contains("\"stage\":\"processor:sink:silver:silver-rules\"")).count();
    assertThat(malformed).isEqualTo(truth.count(TripKind.MALFORMED));
    assertThat(rejected).isEqualTo(truth.bronzeRows() - truth.silverRows());
    assertThat(dlq).hasSize((int) (malformed + rejected));
  }

  @Test
  void everyEventIsInBronzeAndSilverExactlyOnceAfterTenKills() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    Path log = work.resolve("logpro.log");
    long rows = 300_000; // enough that ten kills land before the last event is in (logpro got faster)
    assertThat(produce(kafka, "trips-crash", 9, rows, log)).as(LogproProcess.tail(log)).isZero();
    TaxiStats truth = TaxiStats.of(new TaxiGenerator(9), 0, rows);

    // static membership: a restarted instance takes its place in the group at once, without waiting for a timeout
    String yaml = Files.readString(LogproProcess.repoDir().resolve("examples/taxi/streaming.yaml"))
        .replace("session.timeout.ms:", "group.instance.id: crash-test\n    session.timeout.ms:");
    Path config = work.resolve("streaming-crash.yaml");
    Files.writeString(config, yaml);
    Map<String, String> env = env(kafka, "trips-crash", "crash");
    env.put("COMMIT_INTERVAL", "300ms");
    Random random = new Random(42);
    Path lh = work.resolve("lh");
    int kills = 0;
    while (kills < 10) {
      Process p = LogproProcess.start(work, env, log, "run", config.toString());
      Thread.sleep(2_000 + random.nextInt(2_500));
      assertThat(p.isAlive()).as(LogproProcess.tail(log)).isTrue();
      p.destroyForcibly(); // SIGKILL
      p.waitFor();
      kills++;
      if (Tables.rowsOrZero(lh, null, "taxi.silver_stream") >= truth.silverRows()) break;
    }
    Process last = LogproProcess.start(work, env, log, "run", config.toString());
    Tables.awaitRows(lh, null, "taxi.bronze_stream", truth.bronzeRows(), 240, log);
    Tables.awaitRows(lh, null, "taxi.silver_stream", truth.silverRows(), 60, log);
    Thread.sleep(1_500); // a little longer: anything doubled would show up now
    last.destroy();
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kills).isGreaterThanOrEqualTo(10);

    TableReader bronze = Tables.read(lh, null, "taxi.bronze_stream");
    TableReader silver = Tables.read(lh, null, "taxi.silver_stream");
    assertThat(Tables.assertEachSourceRowOnce(bronze)).isEqualTo(truth.bronzeRows());
    assertThat(Tables.assertEachSourceRowOnce(silver)).isEqualTo(truth.silverRows());
    assertThat(bronze.sum("total_amount")).isCloseTo(truth.bronzeTotalSum(), within(0.01));
  }

  static List<String> dlqLines(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".ndjson")).sorted().flatMap(f -> {
        try {
          return Files.readAllLines(f).stream();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
