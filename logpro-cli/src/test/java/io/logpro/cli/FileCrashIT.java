package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiStats;
import io.logpro.iceberg.IcebergCatalogs;
import io.logpro.iceberg.TableReader;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real {@code logpro} process with SIGKILL at random moments of a file → Iceberg run,
 * restarts it each time, and proves that every input row is in Bronze exactly once.
 */
class FileCrashIT {
  static final int FILES = 3;
  static final long ROWS_PER_FILE = 120_000;
  static final int KILLS = 6;

  @TempDir Path work;

  @Test
  void everyInputRowLandsInBronzeExactlyOnceWhateverTheKills() throws Exception {
    Path input = work.resolve("input");
    Files.createDirectories(input);
    TaxiGenerator gen = new TaxiGenerator(11);
    for (int f = 0; f < FILES; f++) {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(input.resolve("trips-" + f + ".csv")), 1 << 20)) {
        gen.writeCsv(out, f * ROWS_PER_FILE, ROWS_PER_FILE, true, 1);
      }
    }
    Map<String, String> env = new HashMap<>(Map.of("INPUT", input.toString(), "WAREHOUSE", work.resolve("lh").toString(), "COMMIT_INTERVAL", "300ms"));
    Path config = LogproProcess.repoDir().resolve("examples/taxi/bronze.yaml");
    Path log = work.resolve("logpro.log");
    Random random = new Random(20261125);
    int kills = 0;
    for (int i = 0; i < KILLS; i++) {
      Process p = LogproProcess.start(work, env, log, "run", config.toString());
      Thread.sleep(1_500 + random.nextInt(3_000));
      if (!p.isAlive()) break; // finished before we could kill it: the remaining runs only check resume
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
      p.waitFor();
      kills++;
    }
    int exit = LogproProcess.run(work, env, log, 600, "run", config.toString());
    assertThat(exit).as(LogproProcess.tail(log)).isZero();
    assertThat(kills).as("the process was killed mid-run at least 3 times").isGreaterThanOrEqualTo(3);

    TaxiStats truth = TaxiStats.of(gen, 0, FILES * ROWS_PER_FILE);
    TableReader bronze = new TableReader(IcebergCatalogs.open(work.resolve("lh").toString(), null)
        .loadTable(TableIdentifier.parse("taxi.bronze_files")));
    Set<String> seen = new HashSet<>();
    long rows = 0;
    for (Record r : bronze.records()) {
      rows++;
      assertThat(seen.add(r.getField("_partition") + "@" + r.getField("_offset"))).as("row %s@%s twice", r.getField("_partition"), r.getField("_offset")).isTrue();
    }
    assertThat(rows).isEqualTo(truth.bronzeRows());
    assertThat(bronze.sum("fare_amount")).isCloseTo(truth.bronzeFareSum(), within(0.01));
    assertThat(bronze.sum("total_amount")).isCloseTo(truth.bronzeTotalSum(), within(0.01));
  }
}
