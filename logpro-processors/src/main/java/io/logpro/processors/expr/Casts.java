package io.logpro.processors.expr;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** CAST(x AS type). A value that does not convert (unparsable text, out of range) becomes NULL. */
final class Casts {
  private Casts() {}

  /** The cast, or null when the language has no conversion from {@code e}'s type to {@code to}. */
  static Eval cast(Eval e, VType to) {
    VType from = e.type();
    if (from == to) return e;
    if (to == VType.STRING) return toStringCast(e);
    if (from == VType.STRING) return fromString(e, to);
    return switch (to) {
      case BIGINT -> from == VType.INT ? Ops.retype(e, to) : from == VType.DOUBLE || from == VType.BOOL ? toLong(e, to) : null;
      case INT -> from == VType.BIGINT || from == VType.DOUBLE || from == VType.BOOL ? toLong(e, to) : null;
      case DOUBLE -> from.integral() ? Ops.widenToDouble(e) : from == VType.BOOL ? Ops.widenToDouble(toLong(e, VType.BIGINT)) : null;
      case BOOL -> from.numeric() ? toBool(e) : null;
      case TIMESTAMP, TIMESTAMPTZ -> from.timestamp() ? Ops.retype(e, to) : from == VType.DATE ? Ops.dateToTimestamp(e, to) : null;
      case DATE -> from.timestamp() ? timestampToDate(e) : null;
      default -> null;
    };
  }

  private static Eval toLong(Eval e, VType to) {
    long min = to == VType.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = to == VType.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
    return Eval.of(to, ctx -> {
      int n = ctx.n;
      Col c = e.eval(ctx);
      long[] out = new long[n];
      Ops.Nulls nulls = new Ops.Nulls(c.nulls(), n);
      switch (c) {
        case Col.Doubles d -> {
          for (int i = 0; i < n; i++) {
            double r = Ops.roundHalfAway(d.v()[i], 0);
            if (Double.isNaN(r) || r < min || r > max) nulls.set(i);
            else out[i] = (long) r;
          }
        }
        case Col.Bools b -> {
          for (int i = 0; i < n; i++) out[i] = b.v()[i] ? 1 : 0;
        }
        case Col.Longs l -> {
          for (int i = 0; i < n; i++) {
            if (l.v()[i] < min || l.v()[i] > max) nulls.set(i);
            else out[i] = l.v()[i];
          }
        }
        case Col.Strings s -> throw new IllegalStateException("strings are parsed elsewhere");
      }
      return new Col.Longs(out, nulls.result());
    });
  }

  private static Eval toBool(Eval e) {
    return Eval.of(VType.BOOL, ctx -> {
      Col c = e.eval(ctx);
      boolean[] out = new boolean[ctx.n];
      for (int i = 0; i < ctx.n; i++) {
        out[i] = c instanceof Col.Doubles d ? d.v()[i] != 0 : ((Col.Longs) c).v()[i] != 0;
      }
      return new Col.Bools(out, c.nulls());
    });
  }

  private static Eval timestampToDate(Eval e) {
    return Eval.of(VType.DATE, ctx -> {
      Col.Longs c = (Col.Longs) e.eval(ctx);
      long[] out = new long[ctx.n];
      for (int i = 0; i < ctx.n; i++) out[i] = Temporal.dayOf(c.v()[i]);
      return new Col.Longs(out, c.nulls());
    });
  }

  private static Eval toStringCast(Eval e) {
    VType from = e.type();
    return Eval.of(VType.STRING, ctx -> {
      int n = ctx.n;
      Col c = e.eval(ctx);
      Ops.StrBuilder sb = new Ops.StrBuilder(n, 12 * n);
      for (int i = 0; i < n; i++) {
        if (!c.isNull(i)) {
          String s = switch (c) {
            case Col.Bools b -> b.v()[i] ? "true" : "false";
            case Col.Doubles d -> Double.toString(d.v()[i]);
            case Col.Longs l -> switch (from) {
              case TIMESTAMP -> Temporal.formatTimestamp(l.v()[i]);
              case TIMESTAMPTZ -> Temporal.formatTimestamp(l.v()[i]) + "Z";
              case DATE -> Temporal.formatDate(l.v()[i]);
              default -> Long.toString(l.v()[i]);
            };
            case Col.Strings x -> new String(x.data(), x.start(i), x.end(i) - x.start(i), StandardCharsets.UTF_8);
          };
          sb.append(s.getBytes(StandardCharsets.UTF_8));
        }
        sb.endRow();
      }
      return sb.build(c.nulls());
    });
  }

  private static Eval fromString(Eval e, VType to) {
    if (to == VType.NULL) return null;
    return Eval.of(to, ctx -> {
      int n = ctx.n;
      Col.Strings s = (Col.Strings) e.eval(ctx);
      Ops.Nulls nulls = new Ops.Nulls(s.nulls(), n);
      long[] longs = to.longBacked() ? new long[n] : null;
      double[] doubles = to == VType.DOUBLE ? new double[n] : null;
      boolean[] bools = to == VType.BOOL ? new boolean[n] : null;
      for (int i = 0; i < n; i++) {
        if (nulls.is(i)) continue;
        String text = new String(s.data(), s.start(i), s.end(i) - s.start(i), StandardCharsets.UTF_8).trim();
        try {
          switch (to) {
            case INT -> longs[i] = Integer.parseInt(text);
            case BIGINT -> longs[i] = Long.parseLong(text);
            case DOUBLE -> doubles[i] = Double.parseDouble(text);
            case BOOL -> {
              switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1" -> bools[i] = true;
                case "false", "f", "no", "n", "0" -> bools[i] = false;
                default -> nulls.set(i);
              }
            }
            case DATE -> longs[i] = text.length() == 10 ? Temporal.parseDate(text) : Temporal.dayOf(Temporal.parseTimestamp(text).micros());
            default -> longs[i] = Temporal.parseTimestamp(text).micros();
          }
        } catch (RuntimeException notConvertible) {
          nulls.set(i);
        }
      }
      if (longs != null) return new Col.Longs(longs, nulls.result());
      if (doubles != null) return new Col.Doubles(doubles, nulls.result());
      return new Col.Bools(bools, nulls.result());
    });
  }
}
