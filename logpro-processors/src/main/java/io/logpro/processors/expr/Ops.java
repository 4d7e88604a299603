package io.logpro.processors.expr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The runtime of the SQL-like language: one loop per operator and representation over whole
 * batches. NULL inputs give NULL outputs unless SQL says otherwise (AND/OR, IS NULL, coalesce,
 * concat); arithmetic that cannot produce a value (division by zero, overflow, a cast that does
 * not parse) gives NULL instead of failing the batch.
 */
final class Ops {
  private Ops() {}

  /** A lazily written null mask over a shared base mask. */
  static final class Nulls {
    private final boolean[] base;
    private final int n;
    private boolean[] own;

    Nulls(boolean[] base, int n) {
      this.base = base;
      this.n = n;
    }

    boolean is(int i) {
      boolean[] m = own != null ? own : base;
      return m != null && m[i];
    }

    void set(int i) {
      if (own == null) own = Col.writableNulls(base, n);
      own[i] = true;
    }

    boolean[] result() {
      return own != null ? own : base;
    }
  }

  /** Builds a string column row by row into one growing byte array. */
  static final class StrBuilder {
    private byte[] data;
    private int len;
    private final int[] offsets;
    private int row;

    StrBuilder(int n, int expectedBytes) {
      this.data = new byte[Math.max(16, expectedBytes)];
      this.offsets = new int[n + 1];
    }

    void append(byte[] src, int from, int to) {
      int add = to - from;
      if (len + add > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, len + add));
      System.arraycopy(src, from, data, len, add);
      len += add;
    }

    void append(byte[] src) {
      append(src, 0, src.length);
    }

    void endRow() {
      offsets[++row] = len;
    }

    Col.Strings build(boolean[] nulls) {
      return new Col.Strings(data, offsets, nulls);
    }
  }

  // ---------------------------------------------------------------- constants

  /** A literal; its column is built once at the largest batch size seen and shared read-only. */
  static final class Const implements Eval {
    final VType type;
    final Object value;
    private volatile Col cached;

    Const(VType type, Object value) {
      this.type = type;
      this.value = value;
    }

    @Override
    public VType type() {
      return type;
    }

    @Override
    public Col eval(Ctx ctx) {
      Col c = cached;
      if (c == null || length(c) < ctx.n) {
        c = build(Math.max(ctx.n, 1024));
        cached = c;
      }
      return c;
    }

    private Col build(int n) {
      boolean[] nulls = null;
      if (value == null) {
        nulls = new boolean[n];
        Arrays.fill(nulls, true);
      }
      switch (type) {
        case BOOL -> {
          boolean[] v = new boolean[n];
          if (Boolean.TRUE.equals(value)) Arrays.fill(v, true);
          return new Col.Bools(v, nulls);
        }
        case DOUBLE -> {
          double[] v = new double[n];
          if (value != null) Arrays.fill(v, ((Number) value).doubleValue());
          return new Col.Doubles(v, nulls);
        }
        case STRING -> {
          byte[] one = value == null ? new byte[0] : value.toString().getBytes(StandardCharsets.UTF_8);
          byte[] data = new byte[one.length * n];
          int[] offsets = new int[n + 1];
          for (int i = 0; i < n; i++) {
            System.arraycopy(one, 0, data, i * one.length, one.length);
            offsets[i + 1] = (i + 1) * one.length;
          }
          return new Col.Strings(data, offsets, nulls);
        }
        default -> {
          long[] v = new long[n];
          if (value != null) Arrays.fill(v, ((Number) value).longValue());
          return new Col.Longs(v, nulls);
        }
      }
    }
  }

  static int length(Col c) {
    return switch (c) {
      case Col.Longs l -> l.v().length;
      case Col.Doubles d -> d.v().length;
      case Col.Bools b -> b.v().length;
      case Col.Strings s -> s.offsets().length - 1;
    };
  }

  /** The same values under another type with the same representation (INT as BIGINT, TIMESTAMP as TIMESTAMPTZ). */
  static Eval retype(Eval e, VType to) {
    return Eval.of(to, e::eval);
  }

  // ---------------------------------------------------------------- conversions

  static Col.Doubles toDoubles(Col c, int n) {
    if (c instanceof Col.Doubles d) return d;
    long[] v = ((Col.Longs) c).v();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = v[i];
    return new Col.Doubles(out, c.nulls());
  }

  static Eval widenToDouble(Eval e) {
    return Eval.of(VType.DOUBLE, ctx -> toDoubles(e.eval(ctx), ctx.n));
  }

  static Eval dateToTimestamp(Eval e, VType to) {
    return Eval.of(to, ctx -> {
      Col.Longs d = (Col.Longs) e.eval(ctx);
      long[] out = new long[ctx.n];
      for (int i = 0; i < ctx.n; i++) out[i] = d.v()[i] * Temporal.MICROS_PER_DAY;
      return new Col.Longs(out, d.nulls());
    });
  }

  // ---------------------------------------------------------------- arithmetic

  static Eval negate(Eval e) {
    return Eval.of(e.type(), ctx -> {
      int n = ctx.n;
      Col c = e.eval(ctx);
      if (c instanceof Col.Doubles d) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = -d.v()[i];
        return new Col.Doubles(out, d.nulls());
      }
      Col.Longs l = (Col.Longs) c;
      long[] out = new long[n];
      Nulls nulls = new Nulls(l.nulls(), n);
      long min = e.type() == VType.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        if (l.v()[i] == min) nulls.set(i);
        else out[i] = -l.v()[i];
      }
      return new Col.Longs(out, nulls.result());
    });
  }

  /** {@code l op r} for operands already coerced to {@code type} (INT, BIGINT or DOUBLE). */
  static Eval arithmetic(String op, Eval l, Eval r, VType type) {
    if (type == VType.DOUBLE) {
      return Eval.of(type, ctx -> {
        int n = ctx.n;
        Col.Doubles a = (Col.Doubles) l.eval(ctx);
        Col.Doubles b = (Col.Doubles) r.eval(ctx);
        double[] x = a.v(), y = b.v();
        double[] out = new double[n];
        Nulls nulls = new Nulls(Col.orNulls(a.nulls(), b.nulls(), n), n);
        switch (op) {
          case "+" -> { for (int i = 0; i < n; i++) out[i] = x[i] + y[i]; }
          case "-" -> { for (int i = 0; i < n; i++) out[i] = x[i] - y[i]; }
          case "*" -> { for (int i = 0; i < n; i++) out[i] = x[i] * y[i]; }
          case "/" -> {
            for (int i = 0; i < n; i++) {
              if (y[i] == 0) nulls.set(i);
              else out[i] = x[i] / y[i];
            }
          }
          default -> {
            for (int i = 0; i < n; i++) {
              if (y[i] == 0) nulls.set(i);
              else out[i] = x[i] % y[i];
            }
          }
        }
        return new Col.Doubles(out, nulls.result());
      });
    }
    boolean narrow = type == VType.INT;
    return Eval.of(type, ctx -> {
      int n = ctx.n;
      Col.Longs a = (Col.Longs) l.eval(ctx);
      Col.Longs b = (Col.Longs) r.eval(ctx);
      long[] x = a.v(), y = b.v();
      long[] out = new long[n];
      Nulls nulls = new Nulls(Col.orNulls(a.nulls(), b.nulls(), n), n);
      switch (op) {
        case "+" -> {
          for (int i = 0; i < n; i++) {
            long s = x[i] + y[i];
            if (((x[i] ^ s) & (y[i] ^ s)) < 0) nulls.set(i);
            out[i] = s;
          }
        }
        case "-" -> {
          for (int i = 0; i < n; i++) {
            long s = x[i] - y[i];
            if (((x[i] ^ y[i]) & (x[i] ^ s)) < 0) nulls.set(i);
            out[i] = s;
          }
        }
        case "*" -> {
          for (int i = 0; i < n; i++) {
            long lo = x[i] * y[i];
            if (Math.multiplyHigh(x[i], y[i]) != (lo >> 63)) nulls.set(i);
            out[i] = lo;
          }
        }
        case "/" -> {
          for (int i = 0; i < n; i++) {
            if (y[i] == 0 || (x[i] == Long.MIN_VALUE && y[i] == -1)) nulls.set(i);
            else out[i] = x[i] / y[i];
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            if (y[i] == 0) nulls.set(i);
            else out[i] = y[i] == -1 ? 0 : x[i] % y[i];
          }
        }
      }
      if (narrow) {
        for (int i = 0; i < n; i++) if (out[i] != (int) out[i]) nulls.set(i);
      }
      return new Col.Longs(out, nulls.result());
    });
  }

  // ---------------------------------------------------------------- comparison

  /** {@code l op r} for operands of the same representation. op: = != < <= > >=. */
  static Eval compare(String op, Eval l, Eval r) {
    return Eval.of(VType.BOOL, ctx -> {
      int n = ctx.n;
      Col a = l.eval(ctx);
      Col b = r.eval(ctx);
      boolean[] out = new boolean[n];
      boolean[] nulls = Col.orNulls(a.nulls(), b.nulls(), n);
      if (a instanceof Col.Longs la && b instanceof Col.Longs lb) {
        long[] x = la.v(), y = lb.v();
        switch (op) {
          case "=" -> { for (int i = 0; i < n; i++) out[i] = x[i] == y[i]; }
          case "!=" -> { for (int i = 0; i < n; i++) out[i] = x[i] != y[i]; }
          case "<" -> { for (int i = 0; i < n; i++) out[i] = x[i] < y[i]; }
          case "<=" -> { for (int i = 0; i < n; i++) out[i] = x[i] <= y[i]; }
          case ">" -> { for (int i = 0; i < n; i++) out[i] = x[i] > y[i]; }
          default -> { for (int i = 0; i < n; i++) out[i] = x[i] >= y[i]; }
        }
      } else if (a instanceof Col.Doubles da && b instanceof Col.Doubles db) {
        double[] x = da.v(), y = db.v();
        switch (op) {
          case "=" -> { for (int i = 0; i < n; i++) out[i] = x[i] == y[i]; }
          case "!=" -> { for (int i = 0; i < n; i++) out[i] = x[i] != y[i]; }
          case "<" -> { for (int i = 0; i < n; i++) out[i] = x[i] < y[i]; }
          case "<=" -> { for (int i = 0; i < n; i++) out[i] = x[i] <= y[i]; }
          case ">" -> { for (int i = 0; i < n; i++) out[i] = x[i] > y[i]; }
          default -> { for (int i = 0; i < n; i++) out[i] = x[i] >= y[i]; }
        }
      } else {
        for (int i = 0; i < n; i++) out[i] = test(op, compareAt(a, i, b, i));
      }
      return new Col.Bools(out, nulls);
    });
  }

  static boolean test(String op, int cmp) {
    return switch (op) {
      case "=" -> cmp == 0;
      case "!=" -> cmp != 0;
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      default -> cmp >= 0;
    };
  }

  /** Compares row i of a with row j of b (same representation, both non-null). */
  static int compareAt(Col a, int i, Col b, int j) {
    return switch (a) {
      case Col.Longs l -> Long.compare(l.v()[i], ((Col.Longs) b).v()[j]);
      case Col.Doubles d -> Double.compare(d.v()[i], ((Col.Doubles) b).v()[j]);
      case Col.Bools x -> Boolean.compare(x.v()[i], ((Col.Bools) b).v()[j]);
      case Col.Strings s -> {
        Col.Strings t = (Col.Strings) b;
        // Unsigned byte order of UTF-8 is code point order.
        yield Arrays.compareUnsigned(s.data(), s.start(i), s.end(i), t.data(), t.start(j), t.end(j));
      }
    };
  }

  // ---------------------------------------------------------------- logic

  static Eval and(Eval l, Eval r) {
    return Eval.of(VType.BOOL, ctx -> {
      int n = ctx.n;
      Col.Bools a = (Col.Bools) l.eval(ctx);
      Col.Bools b = (Col.Bools) r.eval(ctx);
      boolean[] out = new boolean[n];
      if (a.nulls() == null && b.nulls() == null) {
        for (int i = 0; i < n; i++) out[i] = a.v()[i] & b.v()[i];
        return new Col.Bools(out, null);
      }
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        boolean an = a.isNull(i), bn = b.isNull(i);
        boolean aFalse = !an && !a.v()[i], bFalse = !bn && !b.v()[i];
        if (aFalse || bFalse) out[i] = false;
        else if (an || bn) nulls[i] = true;
        else out[i] = true;
      }
      return new Col.Bools(out, nulls);
    });
  }

  static Eval or(Eval l, Eval r) {
    return Eval.of(VType.BOOL, ctx -> {
      int n = ctx.n;
      Col.Bools a = (Col.Bools) l.eval(ctx);
      Col.Bools b = (Col.Bools) r.eval(ctx);
      boolean[] out = new boolean[n];
      if (a.nulls() == null && b.nulls() == null) {
        for (int i = 0; i < n; i++) out[i] = a.v()[i] | b.v()[i];
        return new Col.Bools(out, null);
      }
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        boolean an = a.isNull(i), bn = b.isNull(i);
        boolean aTrue = !an && a.v()[i], bTrue = !bn && b.v()[i];
        if (aTrue || bTrue) out[i] = true;
        else if (an || bn) nulls[i] = true;
      }
      return new Col.Bools(out, nulls);
    });
  }

  static Eval not(Eval e) {
    return Eval.of(VType.BOOL, ctx -> {
      Col.Bools a = (Col.Bools) e.eval(ctx);
      boolean[] out = new boolean[ctx.n];
      for (int i = 0; i < ctx.n; i++) out[i] = !a.v()[i];
      return new Col.Bools(out, a.nulls());
    });
  }

  static Eval isNull(Eval e, boolean negated) {
    return Eval.of(VType.BOOL, ctx -> {
      Col c = e.eval(ctx);
      boolean[] out = new boolean[ctx.n];
      for (int i = 0; i < ctx.n; i++) out[i] = c.isNull(i) != negated;
      return new Col.Bools(out, null);
    });
  }

  // ---------------------------------------------------------------- picking among columns

  /** Row i takes its value from {@code cols[pick[i]]}, or NULL when pick[i] is -1. */
  static Col gather(VType type, Col[] cols, int[] pick, int n) {
    boolean[] nulls = new boolean[n];
    for (int i = 0; i < n; i++) nulls[i] = pick[i] < 0 || cols[pick[i]].isNull(i);
    switch (type) {
      case BOOL -> {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) if (!nulls[i]) out[i] = ((Col.Bools) cols[pick[i]]).v()[i];
        return new Col.Bools(out, nulls);
      }
      case DOUBLE -> {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) if (!nulls[i]) out[i] = ((Col.Doubles) cols[pick[i]]).v()[i];
        return new Col.Doubles(out, nulls);
      }
      case STRING -> {
        StrBuilder sb = new StrBuilder(n, 16 * n);
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            Col.Strings s = (Col.Strings) cols[pick[i]];
            sb.append(s.data(), s.start(i), s.end(i));
          }
          sb.endRow();
        }
        return sb.build(nulls);
      }
      default -> {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) if (!nulls[i]) out[i] = ((Col.Longs) cols[pick[i]]).v()[i];
        return new Col.Longs(out, nulls);
      }
    }
  }

  static Eval caseWhen(Eval[] conditions, Eval[] results, Eval otherwise, VType type) {
    return Eval.of(type, ctx -> {
      int n = ctx.n;
      int[] pick = new int[n];
      Arrays.fill(pick, -1);
      int undecided = n;
      for (int k = 0; k < conditions.length && undecided > 0; k++) {
        Col.Bools c = (Col.Bools) conditions[k].eval(ctx);
        for (int i = 0; i < n; i++) {
          if (pick[i] == -1 && c.v()[i] && !c.isNull(i)) {
            pick[i] = k;
            undecided--;
          }
        }
      }
      Col[] cols = new Col[results.length + 1];
      boolean[] used = new boolean[cols.length];
      for (int i = 0; i < n; i++) {
        if (pick[i] == -1 && otherwise != null) pick[i] = results.length;
        if (pick[i] >= 0) used[pick[i]] = true;
      }
      // Only branches that some row takes are evaluated.
      for (int k = 0; k < results.length; k++) if (used[k]) cols[k] = results[k].eval(ctx);
      if (used[results.length]) cols[results.length] = otherwise.eval(ctx);
      return gather(type, cols, pick, n);
    });
  }

  static Eval coalesce(Eval[] args, VType type) {
    return Eval.of(type, ctx -> {
      int n = ctx.n;
      Col[] cols = new Col[args.length];
      for (int k = 0; k < args.length; k++) cols[k] = args[k].eval(ctx);
      int[] pick = new int[n];
      for (int i = 0; i < n; i++) {
        pick[i] = -1;
        for (int k = 0; k < cols.length; k++) {
          if (!cols[k].isNull(i)) {
            pick[i] = k;
            break;
          }
        }
      }
      return gather(type, cols, pick, n);
    });
  }

  /** least / greatest: NULL arguments are skipped; NULL only when all are NULL. */
  static Eval extreme(Eval[] args, VType type, boolean greatest) {
    return Eval.of(type, ctx -> {
      int n = ctx.n;
      Col[] cols = new Col[args.length];
      for (int k = 0; k < args.length; k++) cols[k] = args[k].eval(ctx);
      int[] pick = new int[n];
      for (int i = 0; i < n; i++) {
        int best = -1;
        for (int k = 0; k < cols.length; k++) {
          if (cols[k].isNull(i)) continue;
          if (best < 0) {
            best = k;
          } else {
            int c = compareAt(cols[k], i, cols[best], i);
            if (greatest ? c > 0 : c < 0) best = k;
          }
        }
        pick[i] = best;
      }
      return gather(type, cols, pick, n);
    });
  }

  /** nullif(value, other): NULL where {@code equal} is true, else value. */
  static Eval nullIf(Eval value, Eval equal) {
    return Eval.of(value.type(), ctx -> {
      int n = ctx.n;
      Col v = value.eval(ctx);
      Col.Bools eq = (Col.Bools) equal.eval(ctx);
      int[] pick = new int[n];
      for (int i = 0; i < n; i++) pick[i] = eq.v()[i] && !eq.isNull(i) ? -1 : 0;
      return gather(value.type(), new Col[] {v}, pick, n);
    });
  }

  // ---------------------------------------------------------------- numeric functions

  static Eval abs(Eval e) {
    return Eval.of(e.type(), ctx -> {
      int n = ctx.n;
      Col c = e.eval(ctx);
      if (c instanceof Col.Doubles d) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = Math.abs(d.v()[i]);
        return new Col.Doubles(out, d.nulls());
      }
      Col.Longs l = (Col.Longs) c;
      long[] out = new long[n];
      Nulls nulls = new Nulls(l.nulls(), n);
      long min = e.type() == VType.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        if (l.v()[i] == min) nulls.set(i);
        else out[i] = Math.abs(l.v()[i]);
      }
      return new Col.Longs(out, nulls.result());
    });
  }

  /** round half away from zero to {@code digits} decimal places (negative digits round to tens, hundreds...). */
  static Eval round(Eval x, Eval digits) {
    return Eval.of(x.type(), ctx -> {
      int n = ctx.n;
      Col c = x.eval(ctx);
      Col.Longs d = digits == null ? null : (Col.Longs) digits.eval(ctx);
      Nulls nulls = new Nulls(d == null ? c.nulls() : Col.orNulls(c.nulls(), d.nulls(), n), n);
      if (c instanceof Col.Doubles dc) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = roundHalfAway(dc.v()[i], d == null ? 0 : d.v()[i]);
        return new Col.Doubles(out, nulls.result());
      }
      Col.Longs lc = (Col.Longs) c;
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        long places = d == null ? 0 : d.v()[i];
        if (places >= 0) {
          out[i] = lc.v()[i];
        } else if (places < -18) {
          out[i] = 0;
        } else {
          long unit = LONG_POW10[(int) -places];
          long v = lc.v()[i];
          long q = v / unit, rem = v % unit;
          if (Math.abs(rem) * 2 >= unit) q += v < 0 ? -1 : 1;
          out[i] = q * unit;
        }
      }
      return new Col.Longs(out, nulls.result());
    });
  }

  private static final long[] LONG_POW10 = new long[19];

  static {
    LONG_POW10[0] = 1;
    for (int i = 1; i < LONG_POW10.length; i++) LONG_POW10[i] = LONG_POW10[i - 1] * 10;
  }

  static double roundHalfAway(double v, long places) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return v;
    double scale = Math.pow(10, places);
    double scaled = Math.abs(v) * scale;
    if (scaled >= 0x1p52) return v; // already integral at this scale
    double r = Math.floor(scaled + 0.5) / scale;
    return Math.copySign(r, v);
  }

  static Eval floorOrCeil(Eval e, boolean ceil) {
    if (e.type() != VType.DOUBLE) return e;
    return Eval.of(VType.DOUBLE, ctx -> {
      Col.Doubles d = (Col.Doubles) e.eval(ctx);
      double[] out = new double[ctx.n];
      for (int i = 0; i < ctx.n; i++) out[i] = ceil ? Math.ceil(d.v()[i]) : Math.floor(d.v()[i]);
      return new Col.Doubles(out, d.nulls());
    });
  }

  // ---------------------------------------------------------------- strings

  static Eval changeCase(Eval e, boolean upper) {
    return Eval.of(VType.STRING, ctx -> {
      int n = ctx.n;
      Col.Strings s = (Col.Strings) e.eval(ctx);
      StrBuilder sb = new StrBuilder(n, s.end(n == 0 ? 0 : n - 1));
      for (int i = 0; i < n; i++) {
        int from = s.start(i), to = s.end(i);
        boolean ascii = true;
        for (int k = from; k < to; k++) if (s.data()[k] < 0) ascii = false;
        if (ascii) {
          byte[] tmp = Arrays.copyOfRange(s.data(), from, to);
          for (int k = 0; k < tmp.length; k++) {
            byte b = tmp[k];
            if (upper && b >= 'a' && b <= 'z') tmp[k] = (byte) (b - 32);
            else if (!upper && b >= 'A' && b <= 'Z') tmp[k] = (byte) (b + 32);
          }
          sb.append(tmp);
        } else {
          String str = new String(s.data(), from, to - from, StandardCharsets.UTF_8);
          sb.append((upper ? str.toUpperCase(Locale.ROOT) : str.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
        }
        sb.endRow();
      }
      return sb.build(s.nulls());
    });
  }

  /** Length in characters (code points). */
  static Eval length(Eval e) {
    return Eval.of(VType.INT, ctx -> {
      Col.Strings s = (Col.Strings) e.eval(ctx);
      long[] out = new long[ctx.n];
      for (int i = 0; i < ctx.n; i++) {
        int count = 0;
        for (int k = s.start(i); k < s.end(i); k++) if ((s.data()[k] & 0xC0) != 0x80) count++;
        out[i] = count;
      }
      return new Col.Longs(out, s.nulls());
    });
  }

  /** concat(): NULL arguments count as empty; {@code ||} (nullIfAny): any NULL makes NULL. */
  static Eval concat(Eval[] args, boolean nullIfAny) {
    return Eval.of(VType.STRING, ctx -> {
      int n = ctx.n;
      Col.Strings[] cols = new Col.Strings[args.length];
      int bytes = 0;
      boolean[] nulls = null;
      for (int k = 0; k < args.length; k++) {
        cols[k] = (Col.Strings) args[k].eval(ctx);
        bytes += cols[k].end(n == 0 ? 0 : n - 1);
        if (nullIfAny) nulls = Col.orNulls(nulls, cols[k].nulls(), n);
      }
      StrBuilder sb = new StrBuilder(n, bytes);
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          for (Col.Strings c : cols) if (!c.isNull(i)) sb.append(c.data(), c.start(i), c.end(i));
        }
        sb.endRow();
      }
      return sb.build(nulls);
    });
  }

  // ---------------------------------------------------------------- time

  /** (b - a) in units of {@code unitMicros}, as a double. */
  static Eval between(Eval a, Eval b, double unitMicros) {
    return Eval.of(VType.DOUBLE, ctx -> {
      int n = ctx.n;
      Col.Longs x = (Col.Longs) a.eval(ctx);
      Col.Longs y = (Col.Longs) b.eval(ctx);
      double[] out = new double[n];
      for (int i = 0; i < n; i++) out[i] = (y.v()[i] - x.v()[i]) / unitMicros;
      return new Col.Doubles(out, Col.orNulls(x.nulls(), y.nulls(), n));
    });
  }

  static Eval epochSeconds(Eval ts) {
    return Eval.of(VType.BIGINT, ctx -> {
      Col.Longs x = (Col.Longs) ts.eval(ctx);
      long[] out = new long[ctx.n];
      for (int i = 0; i < ctx.n; i++) out[i] = Math.floorDiv(x.v()[i], Temporal.MICROS_PER_SECOND);
      return new Col.Longs(out, x.nulls());
    });
  }

  /** year, month, day, hour, minute of a timestamp (micros). */
  static Eval field(Eval ts, String field) {
    return Eval.of(VType.INT, ctx -> {
      Col.Longs x = (Col.Longs) ts.eval(ctx);
      long[] out = new long[ctx.n];
      for (int i = 0; i < ctx.n; i++) {
        long micros = x.v()[i];
        out[i] = switch (field) {
          case "year" -> Temporal.civilFromDays(Temporal.dayOf(micros)) / 10000;
          case "month" -> Temporal.civilFromDays(Temporal.dayOf(micros)) / 100 % 100;
          case "day" -> Temporal.civilFromDays(Temporal.dayOf(micros)) % 100;
          case "hour" -> Math.floorMod(micros, Temporal.MICROS_PER_DAY) / Temporal.MICROS_PER_HOUR;
          default -> Math.floorMod(micros, Temporal.MICROS_PER_HOUR) / Temporal.MICROS_PER_MINUTE;
        };
      }
      return new Col.Longs(out, x.nulls());
    });
  }

  static Eval dateTrunc(String unit, Eval ts) {
    return Eval.of(ts.type(), ctx -> {
      Col.Longs x = (Col.Longs) ts.eval(ctx);
      long[] out = new long[ctx.n];
      for (int i = 0; i < ctx.n; i++) out[i] = truncate(unit, x.v()[i]);
      return new Col.Longs(out, x.nulls());
    });
  }

  static long truncate(String unit, long micros) {
    return switch (unit) {
      case "second" -> micros - Math.floorMod(micros, Temporal.MICROS_PER_SECOND);
      case "minute" -> micros - Math.floorMod(micros, Temporal.MICROS_PER_MINUTE);
      case "hour" -> micros - Math.floorMod(micros, Temporal.MICROS_PER_HOUR);
      case "day" -> micros - Math.floorMod(micros, Temporal.MICROS_PER_DAY);
      case "week" -> { // ISO weeks start on Monday; 1970-01-01 was a Thursday
        long day = Temporal.dayOf(micros);
        yield (day - Math.floorMod(day + 3, 7)) * Temporal.MICROS_PER_DAY;
      }
      default -> {
        long c = Temporal.civilFromDays(Temporal.dayOf(micros));
        long y = c / 10000, m = c / 100 % 100;
        long month = switch (unit) {
          case "month" -> m;
          case "quarter" -> (m - 1) / 3 * 3 + 1;
          default -> 1;
        };
        yield Temporal.daysFromCivil(y, month, 1) * Temporal.MICROS_PER_DAY;
      }
    };
  }
}
