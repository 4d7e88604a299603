package io.logpro.cdc;

import io.debezium.config.Configuration;
import io.debezium.document.Document;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryListener;
import io.debezium.storage.file.history.FileSchemaHistory;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's file schema history for the binlog source, recovered only up to where the source
 * resumes.
 *
 * <p>Why: the history file records each DDL statement as Debezium reads it, which is ahead of what
 * the sinks have committed. Resuming from a sink's checkpoint taken before a recorded ALTER,
 * Debezium's own recovery applies that ALTER anyway (its binlog position comparison does not hold
 * for offsets without a server id), so the changes replayed between the checkpoint and the ALTER
 * meet the altered table ("internal schema size 3, but row size 2"). This history drops, on
 * recovery, the records read from the binlog after the resume position; Debezium then reads those
 * statements again from the binlog, in order. Snapshot records (no server id) are kept.
 */
public class BinlogSchemaHistory extends FileSchemaHistory {
  /** The engine whose resume offset bounds the recovery (see {@link LogproOffsetStore}). */
  static final String ENGINE = "schema.history.internal.logpro.engine";
  private static final Logger log = LoggerFactory.getLogger(BinlogSchemaHistory.class);
  private String engine;

  @Override
  public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener,
                        boolean useCatalogBeforeSchema) {
    super.configure(config, comparator, listener, useCatalogBeforeSchema);
    engine = config.getString(ENGINE);
  }

  @Override
  protected void recoverRecords(Consumer<HistoryRecord> records) {
    Map<String, Object> resume = engine == null ? null : LogproOffsetStore.resumeOffset(engine);
    super.recoverRecords(r -> {
      Document record = r.document();
      if (resume == null || atOrBefore(record.getDocument(HistoryRecord.Fields.POSITION), resume)) {
        records.accept(r);
      } else {
        log.info("schema history: leaving '{}' for the binlog to replay, it was read after the resume position",
            record.getString(HistoryRecord.Fields.DDL_STATEMENTS));
      }
    });
  }

  /** Whether a recorded position lies at or before the resume offset (same binlog; snapshot records always). */
  static boolean atOrBefore(Document position, Map<String, Object> resume) {
    if (position == null || !position.has("server_id")) return true;
    Object file = resume.get("file");
    Object pos = resume.get("pos");
    if (!(file instanceof String f) || !(pos instanceof Number p)) return true;
    long recordedFile = MySqlDialect.fileIndex(position.getString("file"));
    long resumeFile = MySqlDialect.fileIndex(f);
    if (recordedFile != resumeFile) return recordedFile < resumeFile;
    return position.getLong("pos", 0L) <= p.longValue();
  }
}
