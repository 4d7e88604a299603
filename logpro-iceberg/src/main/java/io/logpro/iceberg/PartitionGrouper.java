package io.logpro.iceberg;

import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Groups a batch's rows by partition a column at a time: each partition field becomes an int per
 * row (year/month/day/hour of a timestamp or date column, or the value of a small integer or
 * date column for identity), the fields are combined into a dense group id per row, and a
 * counting sort lays the rows out group after group. One {@link PartitionKey} is computed per
 * group, from its first row, exactly as Iceberg computes it.
 *
 * <p>Transforms it cannot turn into ints this way (bucket, truncate, identity of strings, longs,
 * decimals...) make {@link #of} return null; the sink then keys every row with a PartitionKey.
 */
final class PartitionGrouper {
  /** Rows {@code order[starts[g]..starts[g+1])} belong to partition {@code keys[g]}; groups in order of first appearance. */
  record Groups(int[] order, int[] starts, PartitionKey[] keys) {
    int count() {
      return keys.length;
    }
  }

  enum Kind { YEAR, MONTH, DAY, HOUR, IDENTITY }

  private record FieldCode(String column, Kind kind) {}

  private final PartitionSpec spec;
  private final Schema schema;
  private final FieldCode[] fields;
  private final LongIntMap ids = new LongIntMap();
  private int[] gid = new int[0];
  private long[] codes = new long[0];

  private PartitionGrouper(PartitionSpec spec, Schema schema, FieldCode[] fields) {
    this.spec = spec;
    this.schema = schema;
    this.fields = fields;
  }

  /** A grouper for {@code spec}, or null when a field's transform needs the per-row path. */
  static PartitionGrouper of(PartitionSpec spec, Schema schema) {
    List<PartitionField> pf = spec.fields();
    FieldCode[] fields = new FieldCode[pf.size()];
    for (int i = 0; i < fields.length; i++) {
      PartitionField f = pf.get(i);
      Types.NestedField source = schema.findField(f.sourceId());
      if (source == null || !schema.columns().contains(source)) return null; // nested source columns
      String t = f.transform().toString();
      Kind kind = switch (t) {
        case "year" -> Kind.YEAR;
        case "month" -> Kind.MONTH;
        case "day" -> Kind.DAY;
        case "hour" -> Kind.HOUR;
        case "identity" -> Kind.IDENTITY;
        default -> null;
      };
      if (kind == null) return null;
      boolean ok = switch (source.type().typeId()) {
        case TIMESTAMP -> kind != Kind.IDENTITY;
        case DATE -> kind != Kind.HOUR;
        case INTEGER, BOOLEAN -> kind == Kind.IDENTITY;
        default -> false;
      };
      if (!ok) return null;
      fields[i] = new FieldCode(source.name(), kind);
    }
    return new PartitionGrouper(spec, schema, fields);
  }

  /** Groups the rows of {@code root}, or returns null when a column's Arrow type has no int code here (the caller falls back). */
  Groups group(VectorSchemaRoot root) {
    int n = root.getRowCount();
    if (gid.length < n) {
      gid = new int[n];
      codes = new long[n];
    }
    java.util.Arrays.fill(gid, 0, n, 0);
    int groups = 1;
    for (FieldCode f : fields) {
      if (!fillCodes(f, root.getVector(f.column()), n)) return null;
      groups = refine(n);
    }
    // counting sort by group id, stable, so rows keep their order within a group
    int[] starts = new int[groups + 1];
    for (int r = 0; r < n; r++) starts[gid[r] + 1]++;
    for (int g = 0; g < groups; g++) starts[g + 1] += starts[g];
    int[] next = java.util.Arrays.copyOf(starts, groups);
    int[] order = new int[n];
    int[] first = new int[groups];
    java.util.Arrays.fill(first, -1);
    for (int r = 0; r < n; r++) {
      int g = gid[r];
      if (first[g] < 0) first[g] = r;
      order[next[g]++] = r;
    }
    PartitionKey[] keys = new PartitionKey[groups];
    ArrowRow row = new ArrowRow(schema, root);
    for (int g = 0; g < groups; g++) {
      PartitionKey key = new PartitionKey(spec, schema);
      key.partition(row.at(first[g]));
      keys[g] = key;
    }
    return new Groups(order, starts, keys);
  }

  /** Replaces each row's group id by a dense id of (group id, code), numbered in order of first appearance. */
  private int refine(int n) {
    ids.clear();
    long lastKey = 0;
    int lastId = -1;
    for (int r = 0; r < n; r++) {
      long key = ((long) gid[r] << 33) ^ codes[r];
      if (lastId < 0 || key != lastKey) {
        lastId = ids.idOf(key);
        lastKey = key;
      }
      gid[r] = lastId;
    }
    return ids.size();
  }

  private static final long NULL_CODE = 1L << 32; // above every int code, below the group id bits

  /** An int code per row in {@code codes} (null as NULL_CODE); false when the vector type is not handled. */
  private boolean fillCodes(FieldCode f, FieldVector v, int n) {
    if (v == null) { // a table column the batch lacks is null in every row
      java.util.Arrays.fill(codes, 0, n, NULL_CODE);
      return true;
    }
    long validity = v.getNullCount() == 0 ? 0 : v.getValidityBufferAddress();
    long data = v.getDataBufferAddress();
    switch (v) {
      case TimeStampVector ts -> {
        long scale = switch (((ArrowType.Timestamp) ts.getField().getType()).getUnit()) {
          case SECOND -> 1_000_000L;
          case MILLISECOND -> 1000L;
          case MICROSECOND -> 1L;
          case NANOSECOND -> -1000L; // divide
        };
        for (int r = 0; r < n; r++) {
          if (!isSet(validity, r)) {
            codes[r] = NULL_CODE;
            continue;
          }
          long raw = MemoryUtil.getLong(data + r * 8L);
          long micros = scale > 0 ? raw * scale : Math.floorDiv(raw, -scale);
          codes[r] = timeCode(f.kind(), micros) & 0xFFFF_FFFFL;
        }
      }
      case DateDayVector d -> {
        for (int r = 0; r < n; r++) {
          codes[r] = isSet(validity, r) ? dateCode(f.kind(), MemoryUtil.getInt(data + r * 4L)) & 0xFFFF_FFFFL : NULL_CODE;
        }
      }
      case DateMilliVector d -> {
        for (int r = 0; r < n; r++) {
          codes[r] = isSet(validity, r)
              ? dateCode(f.kind(), Math.floorDiv(MemoryUtil.getLong(data + r * 8L), 86_400_000L)) & 0xFFFF_FFFFL
              : NULL_CODE;
        }
      }
      case IntVector x -> {
        for (int r = 0; r < n; r++) codes[r] = isSet(validity, r) ? MemoryUtil.getInt(data + r * 4L) & 0xFFFF_FFFFL : NULL_CODE;
      }
      case SmallIntVector x -> {
        for (int r = 0; r < n; r++) codes[r] = isSet(validity, r) ? MemoryUtil.getShort(data + r * 2L) & 0xFFFF_FFFFL : NULL_CODE;
      }
      case TinyIntVector x -> {
        for (int r = 0; r < n; r++) codes[r] = isSet(validity, r) ? MemoryUtil.getByte(data + r) & 0xFFFF_FFFFL : NULL_CODE;
      }
      case BitVector x -> {
        for (int r = 0; r < n; r++) codes[r] = isSet(validity, r) ? ((MemoryUtil.getByte(data + (r >>> 3)) >>> (r & 7)) & 1) : NULL_CODE;
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static boolean isSet(long validity, int r) {
    return validity == 0 || ((MemoryUtil.getByte(validity + (r >>> 3)) >>> (r & 7)) & 1) != 0;
  }

  /** Iceberg's year/month/day/hour of a timestamp: whole units since the epoch, rounded down. */
  static int timeCode(Kind kind, long micros) {
    return switch (kind) {
      case HOUR -> (int) Math.floorDiv(micros, 3_600_000_000L);
      case DAY -> (int) Math.floorDiv(micros, 86_400_000_000L);
      default -> dateCode(kind, Math.floorDiv(micros, 86_400_000_000L));
    };
  }

  /** Iceberg's year/month/day of a date given as days since the epoch. */
  static int dateCode(Kind kind, long days) {
    return switch (kind) {
      case DAY, IDENTITY -> (int) days;
      case MONTH -> monthsSinceEpoch(days);
      case YEAR -> Math.floorDiv(monthsSinceEpoch(days), 12);
      case HOUR -> throw new IllegalArgumentException("hour of a date");
    };
  }

  /** Civil calendar from days (H. Hinnant's days_from_civil inverse): arithmetic, no LocalDate per row. */
  static int monthsSinceEpoch(long days) {
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    return (int) ((y - 1970) * 12 + (m - 1));
  }

  /**
   * A long-to-dense-id open-addressing map. Hand-written: the only primitive maps on the class
   * path are the ones shaded inside parquet, and this needs a dozen lines.
   */
  static final class LongIntMap {
    private long[] keys = new long[16];
    private int[] values = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    void clear() {
      if (size == 0) return;
      java.util.Arrays.fill(used, false);
      size = 0;
    }

    int size() {
      return size;
    }

    /** The id of {@code key}, assigning the next id when it is new. */
    int idOf(long key) {
      int mask = keys.length - 1;
      int i = (int) (mix(key) & mask);
      while (used[i]) {
        if (keys[i] == key) return values[i];
        i = (i + 1) & mask;
      }
      used[i] = true;
      keys[i] = key;
      values[i] = size;
      if (++size * 2 > keys.length) grow();
      return size - 1;
    }

    private void grow() {
      long[] k = keys;
      int[] v = values;
      boolean[] u = used;
      keys = new long[k.length * 2];
      values = new int[k.length * 2];
      used = new boolean[k.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < k.length; j++) {
        if (!u[j]) continue;
        int i = (int) (mix(k[j]) & mask);
        while (used[i]) i = (i + 1) & mask;
        used[i] = true;
        keys[i] = k[j];
        values[i] = v[j];
      }
    }

    private static long mix(long x) {
      x *= 0x9E37_79B9_7F4A_7C15L;
      return x ^ (x >>> 29);
    }
  }
}
