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
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: the PostgreSQL server that holds the Iceberg catalog is stopped for 20 s in the
 * middle of a file → Iceberg run. Commits fail and are retried, the queues fill and the source
 * waits (memory stays bounded), and when the server is back the run completes with every row
 * exactly once.
 */
class CatalogOutageIT {
  static final long ROWS = 600_000;
  static final long RSS_LIMIT_KB = 900 * 1024;

  @TempDir Path work;
  private final String catalogDb = "logpro_cat_" + TestDatabases.uniqueSuffix();

  @BeforeEach
  void createCatalogDatabase() throws Exception {
    TestDatabases.createPg(catalogDb);
  }

  @AfterEach
  void restartAndDrop() throws Exception {
    Postgres.start(); // whatever happened, leave the server running for the other tests
    TestDatabases.dropPg(catalogDb);
  }

  @Test
  void aCatalogOutageOfTwentySecondsLosesAndDoublesNothing() throws Exception {
    Path input = work.resolve("input");
    Files.createDirectories(input);
    TaxiGenerator gen = new TaxiGenerator(3);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(input.resolve("trips.csv")), 1 << 20)) {
      gen.writeCsv(out, 0, ROWS, true, 1);
    }
    String uri = TestDatabases.pgUrl(catalogDb);
    Path pipeline = work.resolve("outage.yaml");
    Files.writeString(pipeline, Files.readString(LogproProcess.repoDir().resolve("examples/taxi/bronze.yaml"))
        .replace("      warehouse: ${WAREHOUSE:-./lakehouse}", "      warehouse: ${WAREHOUSE:-./lakehouse}\n      uri: " + uri + "\n      user: postgres"));
    Map<String, String> env = Map.of("INPUT", input.toString(), "WAREHOUSE", work.resolve("lh").toString(), "COMMIT_INTERVAL", "300ms");
    Path log = work.resolve("logpro.log");
    Process p = LogproProcess.start(work, env, log, "run", pipeline.toString());
    long peakKb = 0;
    try {
      Thread.sleep(4_000);
      assertThat(p.isAlive()).as(LogproProcess.tail(log)).isTrue();
      Postgres.stop();
      long until = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < until) {
        peakKb = Math.max(peakKb, vmRssKb(p.pid()));
        Thread.sleep(200);
      }
      assertThat(p.isAlive()).as("logpro waits for the catalog; log:\n%s", LogproProcess.tail(log)).isTrue();
      Postgres.start();
      assertThat(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(LogproProcess.tail(log)).isZero();
    } finally {
      p.destroyForcibly();
    }
    assertThat(peakKb).as("resident memory during the outage").isLessThan(RSS_LIMIT_KB);
    TaxiStats truth = TaxiStats.of(gen, 0, ROWS);
    var catalog = IcebergCatalogs.open(new IcebergCatalogs.Settings("jdbc", IcebergCatalogs.DEFAULT_NAME, work.resolve("lh").toString(), uri,
        "postgres", "", Map.of()));
    try {
      TableReader bronze = new TableReader(catalog.loadTable(TableIdentifier.parse("taxi.bronze_files")));
      Set<String> seen = new HashSet<>();
      for (Record r : bronze.records()) {
        assertThat(seen.add(r.getField("_partition") + "@" + r.getField("_offset"))).as("row twice").isTrue();
      }
      assertThat((long) seen.size()).isEqualTo(truth.bronzeRows());
    } finally {
      if (catalog instanceof AutoCloseable c) c.close();
    }
  }

  static long vmRssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (Exception gone) {
      // exited
    }
    return 0;
  }

  /** The local PostgreSQL cluster, stopped and started as the machine's own commands do. */
  static final class Postgres {
    private Postgres() {}

    static String version() throws Exception {
      try (var s = Files.list(Path.of("/etc/postgresql"))) {
        return s.map(x -> x.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
      }
    }

    static void stop() throws Exception {
      run("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "stop", "-m", "fast");
    }

    static void start() throws Exception {
      run("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "start");
      for (int i = 0; i < 60; i++) {
        if (new ProcessBuilder("pg_isready", "-h", "127.0.0.1", "-q").start().waitFor() == 0) return;
        Thread.sleep(500);
      }
      throw new IllegalStateException("PostgreSQL did not come back");
    }

    private static void run(String... cmd) throws Exception {
      new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
  }
}
