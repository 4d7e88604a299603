package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpro.generate.TaxiGenerator;
import io.logpro.generate.TaxiStats;
import io.logpro.iceberg.IcebergCatalogs;
import io.logpro.iceberg.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's quickstart as a user would and reads the tables back with Iceberg's own reader. */
class QuickstartIT {
  static final long ROWS = 40_000;
  static final long SEED = 7;

  @TempDir static Path work;
  static Path log;
  static int exit;
  static TaxiStats truth;

  @BeforeAll
  static void runQuickstart() throws Exception {
    log = work.resolve("logpro.log");
    Path config = LogproProcess.repoDir().resolve("examples/taxi/quickstart.yaml");
    exit = LogproProcess.run(work, Map.of("ROWS", Long.toString(ROWS), "SEED", Long.toString(SEED)), log, 600, "run", config.toString());
    truth = TaxiStats.of(new TaxiGenerator(SEED), 0, ROWS);
  }

  private Table table(String name) throws Exception {
    Catalog catalog = IcebergCatalogs.open(work.resolve("lakehouse").toString(), null);
    return catalog.loadTable(TableIdentifier.parse(name));
  }

  @Test
  void exitsZeroAndPrintsTheSummary() throws Exception {
    assertThat(exit).as(LogproProcess.tail(log)).isZero();
    String out = Files.readString(log);
    assertThat(out).contains("pipeline taxi-quickstart finished").contains("rows read").contains("bronze").contains("silver")
        .contains("dead letters").contains("rows/s");
  }

  @Test
  void bronzeHoldsEveryWellFormedTrip() throws Exception {
    TableReader bronze = new TableReader(table("taxi.bronze"));
    assertThat(bronze.rowCount()).isEqualTo(truth.bronzeRows());
    assertThat(bronze.sum("fare_amount")).isCloseTo(truth.bronzeFareSum(), within(0.01));
    assertThat(bronze.sum("total_amount")).isCloseTo(truth.bronzeTotalSum(), within(0.01));
  }

  @Test
  void silverHoldsExactlyTheTripsPassingTheRulesWithDerivedColumns() throws Exception {
    Table silver = table("taxi.silver");
    TableReader reader = new TableReader(silver);
    assertThat(reader.rowCount()).isEqualTo(truth.silverRows());
    assertThat(reader.sum("fare_amount")).isCloseTo(truth.silverFareSum(), within(0.01));
    assertThat(silver.schema().findField("trip_duration_min").type()).isEqualTo(Types.DoubleType.get());
    assertThat(silver.schema().findField("avg_speed_mph")).isNotNull();
    assertThat(silver.schema().findField("tip_pct")).isNotNull();
    assertThat(silver.schema().findField("tpep_pickup_datetime").type()).isEqualTo(Types.TimestampType.withoutZone());
  }

  @Test
  void bronzeEqualsSilverPlusSilverRejects() throws Exception {
    List<String> dlq = dlqLines();
    long silverRejects = dlq.stream().filter(l -> l.contains("\"stage\":\"processor:sink:silver:silver-rules\"")).count();
    long decodeRejects = dlq.stream().filter(l -> l.contains("\"stage\":\"decode\"")).count();
    assertThat(new TableReader(table("taxi.bronze")).rowCount()).isEqualTo(new TableReader(table("taxi.silver")).rowCount() + silverRejects);
    assertThat(decodeRejects).isEqualTo(truth.count(io.logpro.generate.TripKind.MALFORMED));
    assertThat(dlq).hasSize((int) (silverRejects + decodeRejects));
  }

  @Test
  void snapshotsCarryTheSourcePositions() throws Exception {
    Table bronze = table("taxi.bronze");
    Map<String, String> summary = bronze.currentSnapshot().summary();
    assertThat(summary).containsEntry("logpro.pipeline", "taxi-quickstart").containsEntry("logpro.sink", "bronze");
    assertThat(summary.get("logpro.checkpoint")).contains("generate:taxi:" + SEED).contains("\"s\":" + ROWS);
  }

  private List<String> dlqLines() throws Exception {
    Path dir = work.resolve("lakehouse/_dlq/taxi-quickstart");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".ndjson")).flatMap(p -> {
        try {
          return Files.readAllLines(p).stream();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
