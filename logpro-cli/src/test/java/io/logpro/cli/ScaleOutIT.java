package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiStats;
import io.logpro.iceberg.TableReader;
import io.logpro.kafka.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three logpro instances in one consumer group write the same Iceberg tables through a shared
 * PostgreSQL catalog; one is killed midway and its partitions move to the others. The tables end
 * with every event exactly once.
 */
class ScaleOutIT {
  @TempDir Path work;
  private final String db = "logpro_scaleout_" + TestDatabases.uniqueSuffix();

  @org.junit.jupiter.api.AfterEach
  void dropCatalogDatabase() {
    TestDatabases.dropPg(db);
  }

  @Test
  void threeInstancesOneKilledEveryEventExactlyOnce() throws Exception {
    TestDatabases.createPg(db);
    String uri = "jdbc:postgresql://127.0.0.1:5432/" + db;
    KafkaBroker kafka = KafkaBroker.shared();
    Path log = work.resolve("logpro.log");
    long rows = 90_000;
    kafka.createTopic("trips-scale", 6);
    // produced while the instances run (about 12 s), so that the killed one leaves work behind
    Process producer = LogproProcess.start(work, Map.of(), log, "generate", "taxi", "--to", "kafka", "--brokers", kafka.bootstrapServers(),
        "--topic", "trips-scale", "--rows", Long.toString(rows), "--seed", "13", "--rate", "7500");
    TaxiStats truth = TaxiStats.of(new TaxiGenerator(13), 0, rows);

    Path config = LogproProcess.repoDir().resolve("examples/taxi/streaming.yaml");
    Path lh = work.resolve("lh");
    List<Process> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, String> env = new HashMap<>(Map.of("KAFKA_BROKERS", kafka.bootstrapServers(), "TOPIC", "trips-scale", "GROUP", "scale",
          "WAREHOUSE", lh.toString(), "COMMIT_INTERVAL", "500ms", "SESSION_TIMEOUT_MS", "6000", "INSTANCE", Integer.toString(i),
          "CATALOG_URI", uri, "CATALOG_USER", "postgres"));
      instances.add(LogproProcess.start(work, env, work.resolve("instance-" + i + ".log"), "run", config.toString()));
    }
    Thread.sleep(7_000);
    Process victim = instances.get(1);
    assertThat(victim.isAlive()).as(LogproProcess.tail(work.resolve("instance-1.log"))).isTrue();
    assertThat(producer.isAlive()).as("still producing when the instance dies").isTrue();
    java.time.LocalTime killedAt = java.time.LocalTime.now();
    victim.destroyForcibly(); // SIGKILL: its partitions go to the other two after the session timeout
    victim.waitFor();
    assertThat(producer.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(producer.exitValue()).as(LogproProcess.tail(log)).isZero();

    Tables.awaitRows(lh, uri, "taxi.bronze_stream", truth.bronzeRows(), 240, work.resolve("instance-0.log"));
    Tables.awaitRows(lh, uri, "taxi.silver_stream", truth.silverRows(), 60, work.resolve("instance-2.log"));
    Thread.sleep(2_000);
    for (int i : new int[] {0, 2}) {
      Process p = instances.get(i);
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(LogproProcess.tail(work.resolve("instance-" + i + ".log"))).isZero();
    }

    TableReader bronze = Tables.read(lh, uri, "taxi.bronze_stream");
    TableReader silver = Tables.read(lh, uri, "taxi.silver_stream");
    assertThat(Tables.assertEachSourceRowOnce(bronze)).isEqualTo(truth.bronzeRows());
    assertThat(Tables.assertEachSourceRowOnce(silver)).isEqualTo(truth.silverRows());
    assertThat(bronze.sum("fare_amount")).isCloseTo(truth.bronzeFareSum(), within(0.01));
    // the survivors were handed partitions after the kill
    long takeovers = 0;
    for (int i : new int[] {0, 2}) {
      for (String line : java.nio.file.Files.readAllLines(work.resolve("instance-" + i + ".log"))) {
        if (line.contains("partitions assigned") && line.length() > 12
            && java.time.LocalTime.parse(line.substring(0, 12)).isAfter(killedAt)) takeovers++;
      }
    }
    assertThat(takeovers).as("assignments after the kill").isPositive();
  }
}
