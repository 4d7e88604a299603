package io.logpro.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.Checkpoint;
import io.logpro.api.Position;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class CdcPositionsTest {

  private static Position assign(CdcPositions p, SourceRecord r) {
    Struct value = (Struct) r.value();
    return p.assign(r.sourcePartition(), r.sourceOffset(), value.getStruct("source"), "r".equals(value.getString("op")));
  }

  @Test
  void rowsLoggedAtOneLsnGetSubNumbersInTheirKey() {
    CdcPositions p = new CdcPositions(new PostgresDialect(), "t");
    p.seek(Checkpoint.empty());
    Position a = assign(p, PgRecords.insert("items", 1, 500, 600));
    Position b = assign(p, PgRecords.insert("items", 2, 500, 600));
    Position c = assign(p, PgRecords.insert("items", 3, 500, 640));
    assertThat(ResumeToken.parse(a.token()).key()).containsExactly(500, 600, 0);
    assertThat(ResumeToken.parse(b.token()).key()).containsExactly(500, 600, 1);
    assertThat(ResumeToken.parse(c.token()).key()).containsExactly(500, 640, 0);
    assertThat(new long[] {a.sequence(), b.sequence(), c.sequence()}).containsExactly(1, 2, 3);
  }

  @Test
  void aLaterTransactionWithLowerChangeLsnsStillComesAfter() {
    CdcPositions p = new CdcPositions(new PostgresDialect(), "t");
    p.seek(Checkpoint.empty());
    Position late = assign(p, PgRecords.insert("items", 1, 500, 900));
    // Began earlier (lower LSN), committed after the first: its previous commit is the first's.
    Position early = assign(p, PgRecords.insert("items", 2, 950, 700));
    assertThat(early).isNotNull();
    assertThat(early.sequence()).isGreaterThan(late.sequence());
  }

  @Test
  void changesUpToTheSoughtOneAreDroppedWhenDeliveredAgain() {
    CdcPositions first = new CdcPositions(new PostgresDialect(), "t");
    first.seek(Checkpoint.empty());
    Position a = assign(first, PgRecords.insert("items", 1, 500, 600));
    Position b = assign(first, PgRecords.insert("items", 2, 500, 600));
    Position c = assign(first, PgRecords.insert("items", 3, 500, 640));

    CdcPositions again = new CdcPositions(new PostgresDialect(), "t");
    ResumeToken resume = again.seek(Checkpoint.of(b));
    assertThat(resume.offset()).containsEntry("lsn", 600L);
    assertThat(assign(again, PgRecords.insert("items", 1, 500, 600))).isNull();
    assertThat(assign(again, PgRecords.insert("items", 2, 500, 600))).isNull();
    assertThat(assign(again, PgRecords.insert("items", 3, 500, 640))).isEqualTo(c);
    assertThat(a.sequence()).isLessThan(c.sequence());
  }

  @Test
  void theStreamedTokenWinsOverTheSnapshotTokenOnSeek() {
    CdcPositions p = new CdcPositions(new PostgresDialect(), "t");
    p.seek(Checkpoint.empty());
    Position snap = assign(p, PgRecords.snapshot(1, 50, true));
    Position streamed = assign(p, PgRecords.insert("items", 2, 60, 70));
    assertThat(new CdcPositions(new PostgresDialect(), "t").seek(Checkpoint.of(snap)).offset()).containsEntry("snapshot_completed", true);
    assertThat(new CdcPositions(new PostgresDialect(), "t").seek(Checkpoint.of(snap, streamed)).offset()).containsEntry("lsn", 70L);
    assertThat(new CdcPositions(new PostgresDialect(), "t").seek(Checkpoint.empty())).isNull();
  }

  @Test
  void mysqlSequencesArePackedBinlogPositions() {
    MySqlDialect d = new MySqlDialect();
    assertThat(d.packedSequence(new long[] {42, 1_000, 3}).getAsLong()).isEqualTo(42L << 32 | 1_003);
    assertThat(MySqlDialect.fileIndex("mysql-bin.000042")).isEqualTo(42);
    assertThat(d.packedSequence(new long[] {43, 4, 0}).getAsLong()).isGreaterThan(d.packedSequence(new long[] {42, 4_000_000_000L, 9}).getAsLong());
  }

  @Test
  void postgresResumesFromTheStartOfTheUnfinishedTransaction() {
    PostgresDialect d = new PostgresDialect();
    assertThat(d.resumeOffset(Map.of("lsn", 600L, "lsn_proc", 600L, "lsn_commit", 500L))).containsEntry("lsn_proc", 499L).containsEntry("lsn", 600L);
    assertThat(d.resumeOffset(Map.of("lsn", 600L, "lsn_proc", 600L))).containsEntry("lsn_proc", 600L);
    assertThat(d.resumeOffset(Map.of("lsn", 50L, "snapshot", "INITIAL"))).containsEntry("lsn", 50L).doesNotContainKey("lsn_proc");
  }

  @Test
  void mariaDbResumesFromTheStartOfTheChangesTransaction() {
    MariaDbBinlog server = new MariaDbBinlog("jdbc:none", new java.util.Properties()) {
      @Override
      boolean isMariaDb() {
        return true;
      }

      @Override
      long transactionStart(String file, long before) {
        return before == 11149 ? 10900 : -1;
      }
    };
    MySqlDialect maria = new MySqlDialect(server);
    Map<String, Object> streamed = Map.of("file", "mariadb-bin.000003", "pos", 11149L, "row", 2L, "server_id", 1L);
    assertThat(maria.resumeOffset(streamed)).containsEntry("file", "mariadb-bin.000003").containsEntry("pos", 10900L)
        .doesNotContainKey("row");
    assertThat(new MySqlDialect().resumeOffset(streamed)).isEqualTo(streamed);
    // The snapshot's binlog position is a transaction boundary already.
    Map<String, Object> snapshot = Map.of("file", "mariadb-bin.000003", "pos", 900L);
    assertThat(maria.resumeOffset(snapshot)).isEqualTo(snapshot);
  }

  @Test
  void sqlServerLsnsSplitIntoTwoUnsignedNumbers() {
    assertThat(SqlServerDialect.lsn("0000002d:00000d10:0003")).containsExactly(0x0000002d00000d10L, 3);
    assertThat(SqlServerDialect.lsn("ffffffff:ffffffff:ffff")).containsExactly(-1L, 0xffff);
    assertThat(SqlServerDialect.lsn(null)).containsExactly(0, 0);
    assertThat(SqlServerDialect.text(SqlServerDialect.lsn("0000002d:00000d10:0003"))).isEqualTo("0000002d:00000d10:0003");
  }
}
