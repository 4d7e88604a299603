package io.logpro.formats.json;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.format.RecordFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a JSON file into records that are slices of a shared read buffer: lines for NDJSON, or
 * the elements of a top-level array when the first non-space byte is '['. Element boundaries are
 * found by a small bracket/string scanner (no parse: the decoder parses, and rejects bad records);
 * an element's position is the offset just after it, and resuming there skips the next comma.
 */
final class JsonRecordReader implements RecordFileReader {
  static final int BUFFER_SIZE = 1 << 20;
  static final int MAX_RECORD = 64 << 20;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final String partition;
  private final InputStream in;
  private final boolean array;

  private byte[] buf = new byte[0];
  private int pos;
  private int limit;
  private long bufFileOffset;
  private boolean eof;
  private boolean arrayClosed;

  JsonRecordReader(Path file, String partition, long startOffset) throws IOException {
    this.file = file;
    this.partition = partition;
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      in = Channels.newInputStream(ch);
      fill();
      int i = 0;
      if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) i = 3;
      while (i < limit && isSpace(buf[i])) i++;
      array = i < limit && buf[i] == '[';
      pos = array ? i + 1 : i;
      if (startOffset > bufFileOffset + pos) {
        if (startOffset <= bufFileOffset + limit) {
          pos = (int) (startOffset - bufFileOffset);
        } else {
          ch.position(startOffset);
          bufFileOffset = startOffset;
          pos = limit = 0;
          eof = false;
          buf = new byte[0];
        }
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private void fill() throws IOException {
    if (eof) return;
    int left = limit - pos;
    if (left >= MAX_RECORD) {
      throw new IOException("JSON record at byte " + (bufFileOffset + pos) + " of " + file + " is larger than "
          + (MAX_RECORD >> 20) + " MB");
    }
    byte[] next = new byte[Math.max(BUFFER_SIZE, left * 2)];
    System.arraycopy(buf, pos, next, 0, left);
    bufFileOffset += pos;
    buf = next;
    pos = 0;
    limit = left;
    limit += in.readNBytes(buf, limit, buf.length - limit);
    if (limit < buf.length) eof = true;
  }

  private RawMessage next() throws IOException {
    return array ? nextElement() : nextLine();
  }

  private RawMessage nextLine() throws IOException {
    while (true) {
      int nl = indexOfNewline(buf, pos, limit);
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
        end = after = limit;
      } else {
        return null;
      }
      pos = after;
      while (start < end && isSpace(buf[start])) start++;
      while (end > start && isSpace(buf[end - 1])) end--;
      if (start == end) continue;
      return message(start, end, after);
    }
  }

  /**
   * The first '\n' in [from, to), or -1; eight bytes per step with the has-zero-byte trick
   * (hand-written: the JDK has no byte-array indexOf, and the framer scans every byte).
   */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long zero = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L; // exact for the lowest zero byte
      if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
    }
    for (; i < to; i++) if (b[i] == '\n') return i;
    return -1;
  }

  private RawMessage message(int start, int end, int after) {
    return new RawMessage(buf, start, end - start, null, Map.of(), RawMessage.NO_TIMESTAMP,
        Position.of(partition, bufFileOffset + after), null);
  }

  private RawMessage nextElement() throws IOException {
    if (arrayClosed) return null;
    while (true) {
      int i = pos;
      while (i < limit && (isSpace(buf[i]) || buf[i] == ',')) i++;
      if (i == limit) {
        if (eof) return null;
        pos = i;
        fill();
        continue;
      }
      if (buf[i] == ']') {
        arrayClosed = true;
        pos = i + 1;
        return null;
      }
      int end = elementEnd(i);
      if (end < 0) {
        if (!eof) {
          pos = i;
          fill();
          continue;
        }
        end = limit; // unfinished element at the end of the file: the decoder rejects it
        while (end > i && isSpace(buf[end - 1])) end--;
      }
      pos = end;
      return message(i, end, end);
    }
  }

  /** Where the element starting at {@code s} ends, or -1 when the buffer holds no end for it. */
  private int elementEnd(int s) {
    int depth = 0;
    int i = s;
    while (i < limit) {
      byte c = buf[i];
      if (c == '"') {
        i++;
        while (i < limit && buf[i] != '"') i += buf[i] == '\\' ? 2 : 1;
        if (i >= limit) return -1;
        i++;
        if (depth == 0) return i;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return i; // the array's closing bracket ends a scalar element
        depth--;
        if (depth == 0) return i + 1;
      } else if (depth == 0 && (c == ',' || isSpace(c))) {
        return i;
      }
      i++;
    }
    return -1; // the element runs past the buffer: the caller reads more, or reports it unterminated at the end
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
