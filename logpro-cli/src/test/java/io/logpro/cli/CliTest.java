package io.logpro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;


  @Test
  void versionPrintsTheVersionAndExitsZero() {
    CliRun r = CliRun.of("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("logpro ");
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithExitTwo() {
    assertThat(CliRun.of("run", "--bogus", "x.yaml").exit()).isEqualTo(2);
  }

  @Test
  void validateAcceptsTheExamples() {
    for (String name : new String[] {"taxi/quickstart", "taxi/bronze", "taxi/silver", "taxi/streaming", "cdc/postgres-to-postgres",
        "cdc/mariadb-to-postgres", "cdc/cache-invalidation", "observability/observed-quickstart"}) {
      CliRun r = CliRun.of("validate", LogproProcess.repoDir().resolve("examples/" + name + ".yaml").toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("is valid");
    }
  }

  @Test
  void validateNamesFileLineKeyAndSuggestionForAMisspeltKey() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, """
        pipeline: p
        source:
          type: file
          paths: [x.csv]
          format: {type: csv}
        sinks:
          out:
            type: iceberg
            tabel: a.b
        """);
    CliRun r = CliRun.of("validate", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(f + ":9:5: sinks.out.tabel: unknown key").contains("did you mean 'table'")
        .contains("sinks.out.table: missing required key 'table'").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validateSaysWhatTypeWasExpected() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, """
        pipeline: p
        source: {type: generate, rows: lots}
        sinks:
          out: {type: stdout}
        engine: {linger: soon}
        """);
    CliRun r = CliRun.of("validate", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(":2:32: source.rows: expected an integer such as 1000000, found 'lots'")
        .contains(":5:18: engine.linger: expected a duration such as 500ms, 2s or 5m, found 'soon'");
  }

  @Test
  void anUnknownComponentTypeGetsADidYouMean() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "pipeline: p\nsource: {type: generate, rows: 1}\nsinks:\n  out: {type: icebrg, table: a.b}\n");
    CliRun r = CliRun.of("validate", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(":4:15: sinks.out.type: unknown sink type 'icebrg'").contains("did you mean 'iceberg'");
  }

  @Test
  void aMissingEnvironmentVariableIsAConfigError() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "pipeline: p\nsource:\n  type: generate\n  rows: ${LOGPRO_TEST_UNSET_VAR}\nsinks:\n  out: {type: stdout}\n");
    CliRun r = CliRun.of("validate", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(":4:9: source.rows: environment variable LOGPRO_TEST_UNSET_VAR is not set");
  }

  @Test
  void runOfAMissingFileIsAConfigError() {
    CliRun r = CliRun.of("run", tmp.resolve("nope.yaml").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read the config file");
  }

  @Test
  void generateWritesTheRequestedRowsAsCsvWithHeader() throws Exception {
    Path out = tmp.resolve("t.csv");
    CliRun r = CliRun.of("generate", "taxi", "--rows", "1000", "--format", "csv", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    var lines = Files.readAllLines(out);
    assertThat(lines.get(0)).startsWith("VendorID,tpep_pickup_datetime");
    assertThat(lines).hasSizeGreaterThanOrEqualTo(1001);
  }

  @Test
  void docsListEveryBuiltInComponent() {
    CliRun r = CliRun.of("docs");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("source `file`").contains("source `generate`").contains("sink `iceberg`").contains("processor `validate`")
        .contains("format `csv`");
    CliRun schema = CliRun.of("docs", "--json-schema");
    assertThat(schema.out()).contains("\"$schema\"").contains("\"$defs\"");
  }
}
