package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink whose disk fills up: the warehouse lives on a small tmpfs. logpro must stop with a clear
 * error, leave a table that still reads (no dangling file, no half commit), and acknowledge
 * nothing it did not write: once the disk grows, a rerun lands every row exactly once.
 */
class DiskFullIT {
  static final long ROWS = 400_000;

  @TempDir Path work;
  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null && sh("umount", mount.toString()) != 0) sh("umount", "-l", mount.toString());
  }

  private static int sh(String... cmd) throws Exception {
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  @Test
  void aFullDiskStopsWithAClearErrorAndTheRerunLandsEveryRowOnce() throws Exception {
    Path lh = work.resolve("lh");
    Files.createDirectories(lh);
    assumeThat(sh("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", lh.toString())).as("mounting a tmpfs needs root").isZero();
    mount = lh;
    Path input = work.resolve("input");
    Files.createDirectories(input);
    TaxiGenerator gen = new TaxiGenerator(5);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(input.resolve("trips.csv")), 1 << 20)) {
      gen.writeCsv(out, 0, ROWS, true, 1);
    }
    Map<String, String> env = Map.of("INPUT", input.toString(), "WAREHOUSE", lh.toString(), "COMMIT_INTERVAL", "200ms");
    Path config = LogproProcess.repoDir().resolve("examples/taxi/bronze.yaml");
    Path log = work.resolve("logpro.log");

    int exit = LogproProcess.run(work, env, log, 300, "run", config.toString());
    String output = Files.readString(log);
    assertThat(exit).as(LogproProcess.tail(log)).isEqualTo(1);
    assertThat(output).contains("No space left on device");

    TaxiStats truth = TaxiStats.of(gen, 0, ROWS);
    long before = distinctRows(lh, truth.bronzeRows());
    assertThat(before).as("some rows were committed before the disk filled").isLessThan(truth.bronzeRows());

    assertThat(sh("mount", "-o", "remount,size=512m", lh.toString())).isZero();
    exit = LogproProcess.run(work, env, log, 300, "run", config.toString());
    assertThat(exit).as(LogproProcess.tail(log)).isZero();
    assertThat(distinctRows(lh, truth.bronzeRows())).isEqualTo(truth.bronzeRows());
  }

  /** Reads every row of the table (which fails on a missing or corrupt file) and checks that none is there twice. */
  private static long distinctRows(Path lh, long atMost) throws Exception {
    var catalog = IcebergCatalogs.open(lh.toString(), null);
    try {
      TableReader bronze;
      try {
        bronze = new TableReader(catalog.loadTable(TableIdentifier.parse("taxi.bronze_files")));
      } catch (RuntimeException noTableYet) {
        return 0;
      }
      Set<String> seen = new HashSet<>();
      for (Record r : bronze.records()) {
        assertThat(seen.add(r.getField("_partition") + "@" + r.getField("_offset"))).as("row twice").isTrue();
      }
      assertThat((long) seen.size()).isLessThanOrEqualTo(atMost);
      return seen.size();
    } finally {
      if (catalog instanceof AutoCloseable c) c.close(); // the SQLite catalog holds its file open: the tmpfs must unmount
    }
  }
}
