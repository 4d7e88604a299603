package io.logpro.formats.csv;

import java.util.List;

/**
 * The formatContext of CSV records read from a file: the file's header (per-file state), and a
 * line anchor so a rejected record's line number can be computed when needed instead of being
 * tracked per record.
 *
 * @param header      the header's column names, or null when the file has none
 * @param buffer      the read buffer the records of this context are slices of
 * @param anchorOffset an offset in {@code buffer}
 * @param anchorLine   the 1-based file line at {@code anchorOffset}
 */
public record CsvContext(List<String> header, byte[] buffer, int anchorOffset, long anchorLine) {

  /** The 1-based line where the record at {@code offset} of {@link #buffer} starts. */
  public long lineAt(int offset) {
    long line = anchorLine;
    for (int i = anchorOffset; i < offset; i++) if (buffer[i] == '\n') line++;
    return line;
  }

  @Override
  public String toString() {
    return "CsvContext" + header;
  }
}
