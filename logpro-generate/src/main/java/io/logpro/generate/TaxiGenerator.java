package io.logpro.generate;

import static io.logpro.generate.TaxiColumns.*;

import io.logpro.api.RawMessage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The reference workload: NYC yellow taxi trips in the 2024 TLC schema with realistic
 * distributions and a documented share of dirty rows. Row {@code i} is generated from a
 * {@link SplittableRandom} seeded from (seed, i) alone, so any range of rows can be produced
 * (and a source can seek) without generating the earlier ones; the same seed gives the same bytes.
 *
 * <p>Each row first draws its {@link TripKind} with the shares below, then a realistic trip, then
 * the kind's damage. A dirty row breaks exactly one Silver rule (or none, for NULL_OPTIONAL).
 * Thread-safe: all state is immutable lookup tables.
 */
public final class TaxiGenerator implements RowGenerator {

  // Dirty-row shares (probability per row); the rest is CLEAN.
  public static final double SHARE_NULL_OPTIONAL = 0.04;
  public static final double SHARE_NULL_REQUIRED = 0.005;
  public static final double SHARE_NEGATIVE_FARE = 0.01;
  public static final double SHARE_NEGATIVE_DISTANCE = 0.003;
  public static final double SHARE_OUTSIDE_2024 = 0.003;
  public static final double SHARE_DROPOFF_BEFORE_PICKUP = 0.003;
  public static final double SHARE_MALFORMED = 0.001;

  /** Expected share of each kind, indexed by {@link TripKind#ordinal()}. */
  public static double share(TripKind kind) {
    return switch (kind) {
      case CLEAN -> 1.0 - SHARE_NULL_OPTIONAL - SHARE_NULL_REQUIRED - SHARE_NEGATIVE_FARE - SHARE_NEGATIVE_DISTANCE
          - SHARE_OUTSIDE_2024 - SHARE_DROPOFF_BEFORE_PICKUP - SHARE_MALFORMED;
      case NULL_OPTIONAL -> SHARE_NULL_OPTIONAL;
      case NULL_REQUIRED -> SHARE_NULL_REQUIRED;
      case NEGATIVE_FARE -> SHARE_NEGATIVE_FARE;
      case NEGATIVE_DISTANCE -> SHARE_NEGATIVE_DISTANCE;
      case OUTSIDE_2024 -> SHARE_OUTSIDE_2024;
      case DROPOFF_BEFORE_PICKUP -> SHARE_DROPOFF_BEFORE_PICKUP;
      case MALFORMED -> SHARE_MALFORMED;
    };
  }

  /** The columns a NULL_REQUIRED row may null (one of them). */
  static final int[] REQUIRED = {VENDOR_ID, PICKUP, DROPOFF, PU_LOCATION_ID, DO_LOCATION_ID, TRIP_DISTANCE, FARE_AMOUNT, TOTAL_AMOUNT};
  /** The columns a NULL_OPTIONAL row nulls together (as payment_type 0 rows do in the 2024 files). */
  static final int[] OPTIONAL_GROUP = {PASSENGER_COUNT, RATECODE_ID, STORE_AND_FWD_FLAG, CONGESTION_SURCHARGE, AIRPORT_FEE};

  static final long EPOCH_2024 = 1_704_067_200L; // 2024-01-01T00:00:00
  static final long EPOCH_2025 = 1_735_689_600L; // 2025-01-01T00:00:00
  static final long DAY = 86_400L;
  static final int JFK = 132;
  static final int LAGUARDIA = 138;
  static final int NEWARK = 1;

  // Pickup seasonality, shaped like the 2024 TLC files: trips per hour of day (weekday and
  // weekend), per day of week (Monday first) and per month.
  private static final double[] HOUR_WEEKDAY = {1.6, 0.9, 0.6, 0.4, 0.4, 0.7, 1.9, 3.6, 4.6, 4.6, 4.6, 4.8,
      5.0, 5.2, 5.6, 5.8, 6.0, 6.6, 7.0, 6.4, 5.8, 5.6, 5.0, 3.5};
  private static final double[] HOUR_WEEKEND = {3.6, 2.9, 2.2, 1.5, 0.9, 0.6, 0.8, 1.3, 2.1, 3.1, 4.0, 4.6,
      5.0, 5.2, 5.3, 5.3, 5.3, 5.6, 5.8, 5.4, 4.9, 4.9, 4.9, 4.5};
  private static final double[] DAY_OF_WEEK = {0.88, 0.97, 1.03, 1.08, 1.06, 1.02, 0.86};
  private static final double[] MONTH = {0.92, 0.94, 1.05, 1.03, 1.06, 1.02, 0.93, 0.91, 0.98, 1.06, 1.04, 1.01};
  private static final int[] MONTH_DAYS_2024 = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  /** Typical door-to-door speed in mph by hour of day. */
  private static final double[] SPEED_MPH = {17, 18, 19, 20, 20, 18, 15, 12, 10, 10, 10, 10,
      10, 10, 9.5, 9, 9, 9, 9.5, 11, 12, 13, 14, 15};

  // Zone popularity: the busiest zones with weights from TLC pickup counts, other Manhattan
  // zones moderately popular, outer-borough zones rare, 264/265 (unknown / outside NYC) a little.
  private static final int[][] TOP_ZONES = {{237, 475}, {161, 437}, {236, 428}, {162, 361}, {230, 359}, {234, 332},
      {186, 330}, {142, 314}, {48, 303}, {132, 301}, {170, 300}, {79, 280}, {163, 265}, {239, 261}, {68, 247},
      {141, 241}, {164, 238}, {138, 218}, {107, 217}, {100, 214}, {238, 213}, {249, 209}, {229, 188},
      {263, 186}, {246, 175}};
  private static final int[] MANHATTAN = {4, 12, 13, 24, 41, 42, 43, 45, 48, 50, 68, 74, 75, 79, 87, 88, 90, 100,
      103, 104, 105, 107, 113, 114, 116, 120, 125, 127, 128, 137, 140, 141, 142, 143, 144, 148, 151, 152, 153,
      158, 161, 162, 163, 164, 166, 170, 186, 194, 202, 209, 211, 224, 229, 230, 231, 232, 233, 234, 236, 237,
      238, 239, 243, 244, 246, 249, 261, 262, 263};

  /** Manhattan zones north of 96th Street, outside the congestion-surcharge zone. */
  private static final int[] NORTH_OF_96TH = {24, 41, 42, 74, 75, 116, 120, 127, 128, 152, 153, 166, 194, 243, 244};

  private static final AliasTable SLOTS = new AliasTable(slotWeights());
  private static final AliasTable ZONES = new AliasTable(zoneWeights());
  private static final boolean[] IN_CONGESTION_ZONE = congestionZone();

  private final long seed;

  public TaxiGenerator(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "taxi";
  }

  @Override
  public long seed() {
    return seed;
  }

  /** Row {@code row} with its truth. */
  public TaxiTrip trip(long row) {
    TripFields t = new TripFields();
    fill(row, t);
    return TaxiTrip.of(t);
  }

  // ---------------------------------------------------------------- generation

  /** The seed of row {@code row}'s random stream: a strong mix so neighbouring rows are unrelated. */
  static long rowSeed(long seed, long row) {
    return mix64(mix64(seed ^ 0x6A09E667F3BCC909L) + row * 0x9E3779B97F4A7C15L);
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  void fill(long row, TripFields t) {
    SplittableRandom r = new SplittableRandom(rowSeed(seed, row));
    long[] v = t.v;
    t.row = row;
    t.nulls = 0;
    t.defectDraw = 0;
    t.defectArg = 0;
    TripKind kind = drawKind(r.nextDouble());
    t.kind = kind;

    double u = r.nextDouble();
    v[VENDOR_ID] = u < 0.005 ? 6 : u < 0.27 ? 1 : 2;

    int slot = SLOTS.draw(r.nextDouble());
    int hour = slot % 24;
    int dayIndex = slot / 24;
    boolean weekday = dayIndex % 7 < 5; // 2024-01-01 is a Monday
    long pickup = EPOCH_2024 + slot * 3600L + r.nextInt(3600);

    int pu = drawZone(r);
    int dropZone = drawZone(r);
    v[PU_LOCATION_ID] = pu;
    v[DO_LOCATION_ID] = dropZone;

    u = r.nextDouble();
    v[PASSENGER_COUNT] = u < 0.75 ? 1 : u < 0.89 ? 2 : u < 0.925 ? 3 : u < 0.945 ? 4 : u < 0.96 ? 5 : u < 0.97 ? 6 : 0;
    v[STORE_AND_FWD_FLAG] = r.nextDouble() < 0.005 ? 1 : 0;

    u = r.nextDouble();
    v[PAYMENT_TYPE] = u < 0.78 ? 1 : u < 0.96 ? 2 : u < 0.968 ? 3 : u < 0.9995 ? 4 : 6;

    boolean jfk = pu == JFK || dropZone == JFK;
    boolean airport = jfk || pu == LAGUARDIA || dropZone == LAGUARDIA || dropZone == NEWARK;
    u = r.nextDouble();
    int ratecode = jfk && u < 0.55 ? 2 : dropZone == NEWARK ? 3 : u < 0.003 ? 4 : u < 0.008 ? 5 : 1;
    v[RATECODE_ID] = ratecode;

    // Distance: log-normal around 1.55 mi for city trips (overall median ~1.7 with the airport
    // trips), 1% zero-length trips, airport trips long.
    long distance;
    double g = r.nextGaussian();
    if (airport) {
      double median = jfk || dropZone == NEWARK ? 17.0 : 9.5;
      distance = Math.round(Math.min(80.0, median * Math.exp(0.3 * g)) * 100);
    } else if (r.nextDouble() < 0.01) {
      distance = 0;
    } else {
      distance = Math.max(1, Math.round(Math.min(80.0, 1.55 * Math.exp(0.85 * g)) * 100));
    }
    v[TRIP_DISTANCE] = distance;

    // Duration from distance and the hour's traffic speed, with a per-trip spread.
    long seconds;
    double g2 = r.nextGaussian();
    if (distance == 0) {
      seconds = r.nextDouble() < 0.25 ? 0 : 1 + r.nextInt(240);
    } else {
      double mph = Math.max(3.0, Math.min(45.0, SPEED_MPH[hour] * Math.exp(0.25 * g2)));
      seconds = Math.min(6 * 3600L, Math.round(distance / 100.0 / mph * 3600.0) + 30 + r.nextInt(90));
    }
    v[PICKUP] = pickup;
    v[DROPOFF] = pickup + seconds;

    // Fare like the 2024 meter: $3.00 flag drop plus $0.70 per fifth of a mile, or per minute when
    // slower than 12 mph; JFK flat $70, Newark meter plus $20, Nassau double, negotiated anything.
    long slowMinutes = Math.max(0, seconds - Math.round(distance / 100.0 / 12.0 * 3600.0)) / 60;
    long meter = 300 + 70 * (distance / 20 + slowMinutes);
    double uFare = r.nextDouble();
    long fare = switch (ratecode) {
      case 2 -> 7000;
      case 3 -> meter + 2000;
      case 4 -> meter * 2;
      case 5 -> 2000 + 100L * (long) (uFare * 130);
      default -> meter;
    };
    v[FARE_AMOUNT] = fare;
    v[EXTRA] = weekday && hour >= 16 && hour < 20 ? 250 : hour >= 20 || hour < 6 ? 100 : 0;
    v[MTA_TAX] = 50;
    v[IMPROVEMENT_SURCHARGE] = 100;
    // Charged for trips that start or end in Manhattan south of 96th Street.
    v[CONGESTION_SURCHARGE] = IN_CONGESTION_ZONE[pu] || IN_CONGESTION_ZONE[dropZone] ? 250 : 0;
    v[AIRPORT_FEE] = pu == JFK || pu == LAGUARDIA ? 175 : 0;

    double pToll = airport ? 0.3 : distance > 600 ? 0.12 : 0.01;
    u = r.nextDouble();
    v[TOLLS_AMOUNT] = u < pToll * 0.9 ? 694 : u < pToll ? 1388 : 0;

    // Tips: card riders mostly tip 15-25% (screen presets 20/25/30 for some); cash tips are not recorded.
    long tip = 0;
    u = r.nextDouble();
    double pct = r.nextDouble();
    long base = fare + v[EXTRA] + v[MTA_TAX] + v[IMPROVEMENT_SURCHARGE] + v[CONGESTION_SURCHARGE] + v[AIRPORT_FEE]
        + v[TOLLS_AMOUNT];
    if (v[PAYMENT_TYPE] == 1 && u < 0.9) {
      double p = u < 0.2 ? 0.20 : u < 0.27 ? 0.25 : u < 0.3 ? 0.30 : 0.15 + 0.10 * pct;
      tip = Math.round(base * p);
    }
    v[TIP_AMOUNT] = tip;

    damage(kind, r, t, seconds);

    long total = 0;
    for (int col = FARE_AMOUNT; col <= AIRPORT_FEE; col++) {
      if (col != TOTAL_AMOUNT && !t.isNull(col)) total += v[col];
    }
    v[TOTAL_AMOUNT] = total;
    // Nulls chosen for TOTAL_AMOUNT stay nulls: the bit is what writers look at.
  }

  private static TripKind drawKind(double u) {
    double c = SHARE_MALFORMED;
    if (u < c) return TripKind.MALFORMED;
    if (u < (c += SHARE_NULL_REQUIRED)) return TripKind.NULL_REQUIRED;
    if (u < (c += SHARE_NEGATIVE_FARE)) return TripKind.NEGATIVE_FARE;
    if (u < (c += SHARE_NEGATIVE_DISTANCE)) return TripKind.NEGATIVE_DISTANCE;
    if (u < (c += SHARE_OUTSIDE_2024)) return TripKind.OUTSIDE_2024;
    if (u < (c += SHARE_DROPOFF_BEFORE_PICKUP)) return TripKind.DROPOFF_BEFORE_PICKUP;
    if (u < c + SHARE_NULL_OPTIONAL) return TripKind.NULL_OPTIONAL;
    return TripKind.CLEAN;
  }

  /** Applies the row's dirt; every branch breaks exactly one Silver rule (NULL_OPTIONAL none). */
  private static void damage(TripKind kind, SplittableRandom r, TripFields t, long seconds) {
    long[] v = t.v;
    switch (kind) {
      case CLEAN -> {}
      case NULL_OPTIONAL -> {
        for (int col : OPTIONAL_GROUP) t.setNull(col);
        v[PAYMENT_TYPE] = 0; // as in the 2024 files: flex-fare rows with the optional group empty
      }
      case NULL_REQUIRED -> t.setNull(REQUIRED[r.nextInt(REQUIRED.length)]);
      case NEGATIVE_FARE -> {
        // A refund: every charge negated, no tip, payment "no charge" or "dispute".
        v[PAYMENT_TYPE] = r.nextDouble() < 0.3 ? 3 : 4;
        v[TIP_AMOUNT] = 0;
        for (int col = FARE_AMOUNT; col <= AIRPORT_FEE; col++) v[col] = -v[col];
      }
      case NEGATIVE_DISTANCE -> {
        long d = v[TRIP_DISTANCE];
        v[TRIP_DISTANCE] = -(d == 0 ? 1 + r.nextInt(100) : d);
      }
      case OUTSIDE_2024 -> {
        long secOfDay = v[PICKUP] - EPOCH_2024 - (v[PICKUP] - EPOCH_2024) / DAY * DAY;
        long pickup = r.nextDouble() < 0.4
            ? EPOCH_2024 - DAY + secOfDay // 2023-12-31
            : EPOCH_2025 + r.nextInt(31) * DAY + secOfDay; // January 2025
        v[PICKUP] = pickup;
        v[DROPOFF] = pickup + seconds;
      }
      case DROPOFF_BEFORE_PICKUP -> v[DROPOFF] = v[PICKUP] - 1 - r.nextInt(3600);
      case MALFORMED -> {
        t.defectDraw = r.nextInt(6);
        t.defectArg = r.nextInt(1 << 16);
      }
    }
  }

  private static int drawZone(SplittableRandom r) {
    return 1 + ZONES.draw(r.nextDouble());
  }

  /** Weight of each hour of 2024 (366 days x 24 hours). */
  private static double[] slotWeights() {
    double[] c = new double[366 * 24];
    int day = 0;
    for (int m = 0; m < 12; m++) {
      for (int d = 0; d < MONTH_DAYS_2024[m]; d++, day++) {
        int dow = day % 7;
        double[] hours = dow < 5 ? HOUR_WEEKDAY : HOUR_WEEKEND;
        for (int h = 0; h < 24; h++) {
          c[day * 24 + h] = MONTH[m] * DAY_OF_WEEK[dow] * hours[h];
        }
      }
    }
    return c;
  }

  /** Weight of each zone 1..265 at index zone - 1. */
  private static double[] zoneWeights() {
    double[] w = new double[265];
    Arrays.fill(w, 4);
    w[263] = 20; // 264 unknown
    w[264] = 20; // 265 outside NYC
    for (int z : MANHATTAN) w[z - 1] = 60;
    for (int[] zw : TOP_ZONES) w[zw[0] - 1] = zw[1];
    return w;
  }

  private static boolean[] congestionZone() {
    boolean[] m = new boolean[266];
    for (int z : MANHATTAN) m[z] = true;
    for (int z : NORTH_OF_96TH) m[z] = false;
    return m;
  }

  // ---------------------------------------------------------------- encoding

  private static final byte[][] JSON_PREFIX = prefixes("{\"", ",\"", "\":");
  private static final byte[][] CSV_PREFIX = prefixes(null, ",", null);
  private static final byte[][] KV_PREFIX = prefixes("", " ", "=");
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USD = " USD\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CSV_HEADER = (String.join(",", NAMES) + "\n").getBytes(StandardCharsets.US_ASCII);

  private static byte[][] prefixes(String first, String next, String after) {
    byte[][] out = new byte[COUNT][];
    for (int i = 0; i < COUNT; i++) {
      String p = i == 0 ? (first == null ? "" : first) : next;
      String s = after == null ? p : p + NAMES.get(i) + after;
      out[i] = s.getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  /** The CSV header line, newline included. */
  public static byte[] csvHeader() {
    return CSV_HEADER.clone();
  }

  /** Appends row {@code row} as one NDJSON record (no newline) to {@code out}. */
  public void encodeNdjson(long row, ByteSink out) {
    TripFields t = new TripFields();
    fill(row, t);
    encodeNdjson(t, out);
  }

  /** Appends row {@code row} as one CSV record (no newline) to {@code out}. */
  public void encodeCsv(long row, ByteSink out) {
    TripFields t = new TripFields();
    fill(row, t);
    encodeCsv(t, out);
  }

  @Override
  public RowEncoder newNdjsonEncoder() {
    TripFields scratch = new TripFields();
    return (row, out) -> {
      fill(row, scratch);
      encodeNdjson(scratch, out);
      long ms = scratch.pickupMillis();
      return ms == Long.MIN_VALUE ? RawMessage.NO_TIMESTAMP : ms;
    };
  }

  static void encodeNdjson(TripFields t, ByteSink out) {
    Defect defect = t.ndjsonDefect();
    if (defect == Defect.NDJSON_NOT_JSON) {
      for (int col = 0; col < COUNT; col++) {
        out.put(KV_PREFIX[col]);
        if (!t.isNull(col)) value(t, col, out, false);
      }
      return;
    }
    int start = out.size();
    for (int col = 0; col < COUNT; col++) {
      out.put(JSON_PREFIX[col]);
      if (t.isNull(col)) {
        out.put(NULL);
      } else if (defect == Defect.NDJSON_TEXT_IN_NUMBER && col == FARE_AMOUNT) {
        out.put('"').putHundredths(t.v[col]).put(USD);
      } else {
        value(t, col, out, true);
      }
    }
    out.put('}');
    if (defect == Defect.NDJSON_TRUNCATED) {
      int length = out.size() - start;
      out.truncate(start + length / 4 + t.defectArg % (length / 2)); // somewhere in the middle
    }
  }

  static void encodeCsv(TripFields t, ByteSink out) {
    Defect defect = t.csvDefect();
    int skip = defect == Defect.CSV_MISSING_FIELD ? t.defectArg % COUNT : -1;
    boolean first = true;
    for (int col = 0; col < COUNT; col++) {
      if (col == skip) continue;
      if (!first) out.put(',');
      first = false;
      if (t.isNull(col)) continue;
      if (defect == Defect.CSV_BROKEN_QUOTE && col == STORE_AND_FWD_FLAG) {
        byte flag = (byte) (t.v[col] == 1 ? 'Y' : 'N');
        out.put('"').put(flag).put('"').put(flag);
      } else {
        value(t, col, out, false);
      }
    }
  }

  private static void value(TripFields t, int col, ByteSink out, boolean quoteText) {
    long x = t.v[col];
    switch (TaxiColumns.kind(col)) {
      case INT -> out.putLong(x);
      case HUNDREDTHS -> out.putHundredths(x);
      case TIMESTAMP -> {
        if (quoteText) out.put('"');
        out.putTimestamp(x);
        if (quoteText) out.put('"');
      }
      case FLAG -> {
        if (quoteText) out.put('"');
        out.put(x == 1 ? 'Y' : 'N');
        if (quoteText) out.put('"');
      }
    }
  }

  // ---------------------------------------------------------------- writers

  private static final int FLUSH_AT = 1 << 16;
  /** Rows per block when several threads encode: big enough to amortise the hand-off. */
  private static final int BLOCK_ROWS = 8192;

  /** Writes rows {@code [fromRow, fromRow + rows)} as NDJSON, one record per line, using all cores. */
  public void writeNdjson(OutputStream out, long fromRow, long rows) throws IOException {
    writeNdjson(out, fromRow, rows, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #writeNdjson(OutputStream, long, long)} with {@code threads} encoding threads (1: this thread only). */
  public void writeNdjson(OutputStream out, long fromRow, long rows, int threads) throws IOException {
    write(out, fromRow, rows, false, threads);
  }

  /** Writes rows {@code [fromRow, fromRow + rows)} as CSV (comma, no quoting), optionally after the header. */
  public void writeCsv(OutputStream out, long fromRow, long rows, boolean header) throws IOException {
    writeCsv(out, fromRow, rows, header, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #writeCsv(OutputStream, long, long, boolean)} with {@code threads} encoding threads. */
  public void writeCsv(OutputStream out, long fromRow, long rows, boolean header, int threads) throws IOException {
    if (header) out.write(CSV_HEADER);
    write(out, fromRow, rows, true, threads);
  }

  private void write(OutputStream out, long fromRow, long rows, boolean csv, int threads) throws IOException {
    if (fromRow < 0 || rows < 0 || fromRow > Long.MAX_VALUE - rows) {
      throw new IllegalArgumentException("bad row range: from " + fromRow + ", " + rows + " rows");
    }
    if (threads <= 1 || rows < 4L * BLOCK_ROWS) {
      writeSequential(out, fromRow, rows, csv);
    } else {
      writeParallel(out, fromRow, rows, csv, threads);
    }
    out.flush();
  }

  private void writeSequential(OutputStream out, long fromRow, long rows, boolean csv) throws IOException {
    ByteSink sink = new ByteSink(FLUSH_AT + 4096);
    TripFields t = new TripFields();
    long end = fromRow + rows;
    for (long row = fromRow; row < end; row++) {
      encodeLine(row, t, sink, csv);
      if (sink.size() >= FLUSH_AT) {
        sink.writeTo(out);
        sink.reset();
      }
    }
    sink.writeTo(out);
  }

  private void encodeLine(long row, TripFields t, ByteSink sink, boolean csv) {
    fill(row, t);
    if (csv) encodeCsv(t, sink);
    else encodeNdjson(t, sink);
    sink.put('\n');
  }

  /**
   * Rows are independent, so blocks are encoded on {@code threads} threads and written in order
   * by this one; at most {@code 2 * threads} blocks are in flight to bound memory.
   */
  private void writeParallel(OutputStream out, long fromRow, long rows, boolean csv, int threads) throws IOException {
    ThreadFactory daemons = r -> {
      Thread th = new Thread(r, "taxi-generate");
      th.setDaemon(true);
      return th;
    };
    try (ExecutorService pool = Executors.newFixedThreadPool(threads, daemons)) {
      ArrayDeque<Future<ByteSink>> inFlight = new ArrayDeque<>();
      long next = fromRow;
      long end = fromRow + rows;
      try {
        while (next < end || !inFlight.isEmpty()) {
          while (next < end && inFlight.size() < 2 * threads) {
            long blockStart = next;
            long blockEnd = Math.min(end, next + BLOCK_ROWS);
            inFlight.add(pool.submit(() -> {
              ByteSink sink = new ByteSink((int) (blockEnd - blockStart) * 460);
              TripFields t = new TripFields();
              for (long row = blockStart; row < blockEnd; row++) encodeLine(row, t, sink, csv);
              return sink;
            }));
            next = blockEnd;
          }
          inFlight.poll().get().writeTo(out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while generating rows");
      } catch (ExecutionException e) {
        throw new IllegalStateException("generating rows failed", e.getCause());
      } finally {
        inFlight.forEach(f -> f.cancel(true));
      }
    }
  }
}
