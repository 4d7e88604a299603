package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiStats;
import io.logpro.iceberg.IcebergCatalogs;
import io.logpro.iceberg.TableReader;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops reading, drains what is in flight, commits and exits 0; a rerun completes the input exactly once. */
class DrainIT {
  @TempDir Path work;

  @Test
  void sigtermDrainsCommitsAndExitsZeroAndTheRerunCompletesExactlyOnce() throws Exception {
    Path input = work.resolve("input");
    Files.createDirectories(input);
    TaxiGenerator gen = new TaxiGenerator(3);
    long rows = 400_000;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(input.resolve("trips.csv")), 1 << 20)) {
      gen.writeCsv(out, 0, rows, true, 1);
    }
    Map<String, String> env = Map.of("INPUT", input.toString(), "WAREHOUSE", work.resolve("lh").toString(), "WATCH", "true",
        "COMMIT_INTERVAL", "1s");
    Path config = LogproProcess.repoDir().resolve("examples/taxi/bronze.yaml");
    Path log = work.resolve("logpro.log");

    Process p = LogproProcess.start(work, env, log, "run", config.toString());
    Thread.sleep(4_000);
    assertThat(p.isAlive()).as("watch mode keeps running; log:\n%s", LogproProcess.tail(log)).isTrue();
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("drained within the timeout").isTrue();
    assertThat(p.exitValue()).as(LogproProcess.tail(log)).isZero();
    assertThat(Files.readString(log)).contains("stop requested").contains("pipeline taxi-bronze finished");

    int exit = LogproProcess.run(work, Map.of("INPUT", input.toString(), "WAREHOUSE", work.resolve("lh").toString()), log, 300,
        "run", config.toString());
    assertThat(exit).as(LogproProcess.tail(log)).isZero();
    TableReader bronze = new TableReader(IcebergCatalogs.open(work.resolve("lh").toString(), null)
        .loadTable(TableIdentifier.parse("taxi.bronze_files")));
    Set<Long> offsets = new HashSet<>();
    for (Record r : bronze.records()) assertThat(offsets.add((Long) r.getField("_offset"))).isTrue();
    assertThat((long) offsets.size()).isEqualTo(TaxiStats.of(gen, 0, rows).bronzeRows());
  }
}
