package io.logpro.formats.csv;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.format.RecordFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a CSV file into records that are slices of a shared read buffer. Each refill allocates
 * a fresh buffer (handed-out records must never change) and carries the unfinished record over.
 * The header is always read from the start of the file, then reading continues at the offset.
 */
final class CsvRecordReader implements RecordFileReader {
  static final int BUFFER_SIZE = 1 << 20;
  /** A record larger than this is most likely an unterminated quote; reading stops with an error. */
  static final int MAX_RECORD = 64 << 20;

  private final Path file;
  private final String partition;
  private final CsvSyntax syntax;
  private final InputStream in;
  private final List<String> header;

  private byte[] buf = new byte[0];
  private int pos;
  private int limit;
  private long bufFileOffset; // file offset of buf[0]
  private boolean eof;
  private CsvContext context;
  private long lineAtPos = 1;

  CsvRecordReader(Path file, String partition, long startOffset, CsvOptions options) throws IOException {
    this.file = file;
    this.partition = partition;
    this.syntax = new CsvSyntax(options.delimiter(), options.quote());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      this.in = Channels.newInputStream(ch);
      fill(); // from byte 0
      if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) pos = 3;
      List<String> h = null;
      if (options.header()) {
        RawMessage first = next();
        if (first != null) {
          h = syntax.splitToStrings(first.buffer(), first.offset(), first.offset() + first.length());
          if (h == null) throw new IOException("unreadable CSV header (unterminated quote?) in " + file);
        }
      }
      this.header = h;
      lineAtPos = context.lineAt(pos);
      newContext(); // now with the header
      long here = bufFileOffset + pos;
      if (startOffset > here) {
        long lines = context.lineAt(pos);
        long skip = startOffset - (bufFileOffset + limit);
        if (skip <= 0) {
          int target = (int) (startOffset - bufFileOffset);
          lines += countNewlines(buf, pos, target);
          pos = target;
        } else {
          lines += countNewlines(buf, pos, limit);
          // Count lines up to the offset so that reject reasons keep real line numbers.
          byte[] scratch = new byte[BUFFER_SIZE];
          long left = skip;
          while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) break;
            lines += countNewlines(scratch, 0, n);
            left -= n;
          }
          bufFileOffset = startOffset - left;
          pos = limit = 0;
          eof = false;
          buf = new byte[0];
        }
        lineAtPos = lines;
        newContext();
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The header's column names, or null. */
  List<String> header() {
    return header;
  }

  private static long countNewlines(byte[] b, int s, int e) {
    return CsvContext.countNewlines(b, s, e);
  }

  private void newContext() {
    context = new CsvContext(header, buf, pos, lineAtPos);
  }

  /** Moves the unread bytes to a fresh buffer and reads more; false at the end of the file. */
  private boolean fill() throws IOException {
    if (eof) return false;
    if (context != null) lineAtPos = context.lineAt(pos);
    int left = limit - pos;
    int size = Math.max(BUFFER_SIZE, left * 2);
    if (left >= MAX_RECORD) {
      throw new IOException("CSV record at byte " + (bufFileOffset + pos) + " of " + file + " is larger than "
          + (MAX_RECORD >> 20) + " MB (an unterminated quote?)");
    }
    byte[] next = new byte[size];
    System.arraycopy(buf, pos, next, 0, left);
    bufFileOffset += pos;
    buf = next;
    pos = 0;
    limit = left;
    int n = in.readNBytes(buf, limit, buf.length - limit);
    limit += n;
    if (limit < buf.length) eof = true;
    newContext();
    return n > 0;
  }

  /** The next non-blank record, or null at the end. */
  private RawMessage next() throws IOException {
    while (true) {
      int nl = syntax.findRecordEnd(buf, pos, limit);
      int start = pos;
      int end;
      int after;
      if (nl >= 0) {
        end = nl;
        after = nl + 1;
      } else if (!eof) {
        fill();
        continue;
      } else if (pos < limit) {
        end = limit;
        after = limit;
      } else {
        return null;
      }
      if (end > start && buf[end - 1] == '\r') end--;
      pos = after;
      if (end == start) continue; // blank line
      Position p = Position.of(partition, bufFileOffset + after);
      return new RawMessage(buf, start, end - start, null, Map.of(), RawMessage.NO_TIMESTAMP, p, context);
    }
  }

  @Override
  public List<RawMessage> read(int maxRecords) throws IOException {
    List<RawMessage> out = new ArrayList<>(Math.min(maxRecords, 4096));
    while (out.size() < maxRecords) {
      RawMessage m = next();
      if (m == null) break;
      out.add(m);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
