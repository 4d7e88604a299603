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
 * A crash loop: kills the real {@code logpro} process with SIGKILL at 30 random moments of a
 * file → Iceberg run (startup, reading, writing, committing), restarts it each time, and proves
 * that every input row is in Bronze exactly once. The source watches its folder, so the run
 * outlives any number of kills; the last instance is stopped with SIGTERM once all rows landed.
 */
class FileCrashIT {
  static final int FILES = 3;
  static final long ROWS_PER_FILE = 200_000;
  static final int KILLS = 30;

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
    Map<String, String> env = new HashMap<>(Map.of("INPUT", input.toString(), "WAREHOUSE", work.resolve("lh").toString(),
        "COMMIT_INTERVAL", "300ms", "WATCH", "true"));
    Path config = LogproProcess.repoDir().resolve("examples/taxi/bronze.yaml");
    Path log = work.resolve("logpro.log");
    Random random = new Random(20261125);
    TaxiStats truth = TaxiStats.of(gen, 0, FILES * ROWS_PER_FILE);
    for (int kills = 0; kills < KILLS; kills++) {
      Process p = LogproProcess.start(work, env, log, "run", config.toString());
      Thread.sleep(700 + random.nextInt(2_300));
      assertThat(p.isAlive()).as("logpro runs until killed (watch mode); log:\n%s", LogproProcess.tail(log)).isTrue();
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
      p.waitFor();
    }
    Process last = LogproProcess.start(work, env, log, "run", config.toString());
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (bronzeRows() < truth.bronzeRows() && System.nanoTime() < deadline) Thread.sleep(1_000);
    last.destroy(); // SIGTERM: drains, commits and exits 0
    assertThat(last.waitFor()).as(LogproProcess.tail(log)).isZero();

    TableReader bronze = bronzeTable();
    Set<String> seen = new HashSet<>();
    long rows = 0;
    for (Record r : bronze.records()) {
      rows++;
      assertThat(seen.add(r.getField("_partition") + "@" + r.getField("_offset"))).as("row %s@%s twice", r.getField("_partition"), r.getField("_offset")).isTrue();
    }
    assertThat(rows).isEqualTo(truth.bronzeRows());
    assertThat(seen).hasSize((int) truth.bronzeRows());
    assertThat(bronze.sum("fare_amount")).isCloseTo(truth.bronzeFareSum(), within(0.01));
    assertThat(bronze.sum("total_amount")).isCloseTo(truth.bronzeTotalSum(), within(0.01));
  }

  private TableReader bronzeTable() {
    return new TableReader(IcebergCatalogs.open(work.resolve("lh").toString(), null).loadTable(TableIdentifier.parse("taxi.bronze_files")));
  }

  /** Rows in Bronze now, 0 before the table exists. */
  private long bronzeRows() {
    try {
      return bronzeTable().rowCount();
    } catch (RuntimeException notYet) {
      return 0;
    }
  }
}
