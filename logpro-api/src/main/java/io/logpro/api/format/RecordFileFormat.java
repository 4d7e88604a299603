package io.logpro.api.format;

import java.io.IOException;
import java.nio.file.Path;

/** A format whose files are a sequence of records (CSV, NDJSON, JSON arrays). */
public interface RecordFileFormat {
  /**
   * Opens {@code file} to read records from byte {@code startOffset} (0, or a position this
   * reader handed out earlier). File-level context such as a CSV header is read from the start
   * of the file whatever the offset.
   *
   * @param partition the partition name for the positions of the records (the file's path)
   */
  RecordFileReader openRecords(Path file, String partition, long startOffset) throws IOException;
}
