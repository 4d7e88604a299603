package io.logpro.api.format;

import io.logpro.api.RawMessage;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads one file's records. Each message's position is {@code Position(partition, byte offset
 * just after the record)}, so reopening at that offset continues with the next record.
 */
public interface RecordFileReader extends Closeable {
  /** Up to {@code maxRecords} records; an empty list at the end of the file. */
  List<RawMessage> read(int maxRecords) throws IOException;
}
