package io.logpro.processors.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Type-checks a parsed expression against a schema and builds its evaluation tree. */
final class Compiler {
  static final List<String> FUNCTIONS = List.of(
      "abs", "round", "floor", "ceil", "coalesce", "nullif", "least", "greatest", "lower", "upper", "length",
      "concat", "epoch_seconds", "minutes_between", "seconds_between", "year", "month", "day", "hour", "minute",
      "date_trunc");
  static final List<String> TRUNC_UNITS = List.of("second", "minute", "hour", "day", "week", "month", "quarter", "year");

  private final String text;
  private final Schema schema;

  Compiler(String text, Schema schema) {
    this.text = text;
    this.schema = schema;
  }

  private ExpressionException error(int pos, String message) {
    return new ExpressionException(text, pos, message, null);
  }

  Eval compile(Ast ast) {
    return switch (ast) {
      case Ast.Literal l -> new Ops.Const(l.type(), l.value());
      case Ast.Column c -> column(c);
      case Ast.Unary u -> unary(u);
      case Ast.Binary b -> binary(b);
      case Ast.IsNull x -> Ops.isNull(compile(x.operand()), x.negated());
      case Ast.Between b -> {
        Eval v = compile(b.operand());
        Eval inRange = Ops.and(comparison(">=", v, compile(b.low()), b.pos()), comparison("<=", v, compile(b.high()), b.pos()));
        yield b.negated() ? Ops.not(inRange) : inRange;
      }
      case Ast.In in -> {
        Eval v = compile(in.operand());
        Eval any = null;
        for (Ast value : in.values()) {
          Eval eq = comparison("=", v, compile(value), value.pos());
          any = any == null ? eq : Ops.or(any, eq);
        }
        yield in.negated() ? Ops.not(any) : any;
      }
      case Ast.Case c -> caseWhen(c);
      case Ast.Call c -> call(c);
      case Ast.Cast c -> {
        Eval operand = compile(c.operand());
        if (operand.type() == VType.NULL) yield new Ops.Const(c.target(), null);
        Eval cast = Casts.cast(operand, c.target());
        if (cast == null) throw error(c.pos(), "cannot cast " + operand.type() + " to " + c.target());
        yield cast;
      }
    };
  }

  private Eval column(Ast.Column c) {
    List<Field> fields = schema.getFields();
    int index = -1;
    for (int i = 0; i < fields.size() && index < 0; i++) if (fields.get(i).getName().equals(c.name())) index = i;
    if (index < 0 && !c.quoted()) { // bare identifiers also match case-insensitively when unambiguous
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).getName().equalsIgnoreCase(c.name())) {
          if (index >= 0) throw error(c.pos(), "column name '" + c.name() + "' is ambiguous: quote it with its exact case");
          index = i;
        }
      }
    }
    if (index < 0) {
      List<String> names = fields.stream().map(Field::getName).toList();
      throw new ExpressionException(text, c.pos(), "unknown column '" + c.name() + "'", Names.suggest(c.name(), names));
    }
    Field field = fields.get(index);
    VType type = VType.of(field.getType());
    if (type == null) throw error(c.pos(), "column '" + c.name() + "' has type " + field.getType() + ", which expressions cannot read yet");
    int at = index;
    return Eval.of(type, ctx -> ctx.column(at, type));
  }

  private Eval unary(Ast.Unary u) {
    Eval e = compile(u.operand());
    if (u.op().equals("NOT")) return Ops.not(bool(e, u.operand().pos(), "NOT"));
    if (e.type() == VType.NULL) return new Ops.Const(VType.INT, null);
    if (!e.type().numeric()) throw error(u.pos(), "cannot negate " + e.type() + ": expected a number");
    return Ops.negate(e);
  }

  private Eval bool(Eval e, int pos, String what) {
    if (e.type() == VType.NULL) return new Ops.Const(VType.BOOL, null);
    if (e.type() != VType.BOOL) throw error(pos, what + " expects a boolean, found " + e.type());
    return e;
  }

  private Eval binary(Ast.Binary b) {
    Eval l = compile(b.left());
    Eval r = compile(b.right());
    return switch (b.op()) {
      case "AND" -> Ops.and(bool(l, b.left().pos(), "AND"), bool(r, b.right().pos(), "AND"));
      case "OR" -> Ops.or(bool(l, b.left().pos(), "OR"), bool(r, b.right().pos(), "OR"));
      case "=", "!=", "<", "<=", ">", ">=" -> comparison(b.op(), l, r, b.pos());
      case "||" -> Ops.concat(new Eval[] {asString(l, b.left().pos()), asString(r, b.right().pos())}, true);
      default -> arithmetic(b, l, r);
    };
  }

  private Eval arithmetic(Ast.Binary b, Eval l, Eval r) {
    VType lt = l.type() == VType.NULL ? r.type() : l.type();
    VType rt = r.type() == VType.NULL ? l.type() : r.type();
    if (lt == VType.NULL && rt == VType.NULL) lt = rt = VType.INT;
    if (!lt.numeric() || !rt.numeric()) {
      throw error(b.pos(), "cannot apply '" + b.op() + "' to " + l.type() + " and " + r.type()
          + (lt.temporal() && rt.temporal() ? ": use minutes_between or seconds_between" : ": expected numbers"));
    }
    VType t = wider(lt, rt);
    return Ops.arithmetic(b.op(), coerce(l, t, b.left().pos()), coerce(r, t, b.right().pos()), t);
  }

  private static VType wider(VType a, VType b) {
    if (a == VType.DOUBLE || b == VType.DOUBLE) return VType.DOUBLE;
    if (a == VType.BIGINT || b == VType.BIGINT) return VType.BIGINT;
    return VType.INT;
  }

  /** Compares after bringing both sides to one type; a string literal next to a timestamp is parsed as one. */
  Eval comparison(String op, Eval l, Eval r, int pos) {
    VType t = common(List.of(l, r), pos, "compare");
    return Ops.compare(op, coerce(l, t, pos), coerce(r, t, pos));
  }

  /** The type that all of {@code values} can be brought to, for comparisons, CASE and coalesce. */
  private VType common(List<Eval> values, int pos, String what) {
    VType t = VType.NULL;
    for (Eval e : values) {
      VType u = e.type();
      if (u == VType.NULL || u == t) continue;
      if (t == VType.NULL) {
        t = u;
      } else if (t.numeric() && u.numeric()) {
        t = wider(t, u);
      } else if (t.temporal() && u.temporal()) {
        t = t == VType.DATE ? u : t;
      } else if (t.temporal() && isStringLiteral(e)) {
        // parsed by coerce
      } else if (u.temporal() && values.stream().filter(v -> v.type() == VType.STRING).allMatch(Compiler::isStringLiteral)) {
        t = u;
      } else {
        throw error(pos, "cannot " + what + " " + t + " with " + u);
      }
    }
    return t;
  }

  private static boolean isStringLiteral(Eval e) {
    return e instanceof Ops.Const c && c.type == VType.STRING;
  }

  /** Brings {@code e} to type {@code to} by an implicit conversion (widening or literal parsing). */
  private Eval coerce(Eval e, VType to, int pos) {
    VType from = e.type();
    if (from == to) return e;
    if (from == VType.NULL) return new Ops.Const(to == VType.NULL ? VType.INT : to, null);
    if (from.integral() && to.integral()) return Ops.retype(e, to);
    if (from.integral() && to == VType.DOUBLE) return Ops.widenToDouble(e);
    if (from == VType.DATE && to.timestamp()) return Ops.dateToTimestamp(e, to);
    if (from.timestamp() && to.timestamp()) return Ops.retype(e, to); // both are micros since the epoch
    if (e instanceof Ops.Const c && from == VType.STRING && c.value != null && to.temporal()) {
      try {
        if (to == VType.DATE) return new Ops.Const(to, Temporal.parseDate(c.value.toString()));
        return new Ops.Const(to, Temporal.parseTimestamp(c.value.toString()).micros());
      } catch (RuntimeException ex) {
        throw error(pos, "cannot read '" + c.value + "' as " + to);
      }
    }
    throw error(pos, "cannot use " + from + " as " + to);
  }

  private Eval asString(Eval e, int pos) {
    if (e.type() == VType.STRING) return e;
    if (e.type() == VType.NULL) return new Ops.Const(VType.STRING, null);
    return Casts.cast(e, VType.STRING);
  }

  private Eval caseWhen(Ast.Case c) {
    Eval[] conditions = new Eval[c.whens().size()];
    List<Eval> results = new ArrayList<>();
    for (int k = 0; k < conditions.length; k++) {
      Ast.When w = c.whens().get(k);
      conditions[k] = bool(compile(w.condition()), w.condition().pos(), "WHEN");
      results.add(compile(w.result()));
    }
    Eval otherwise = c.otherwise() == null ? null : compile(c.otherwise());
    List<Eval> all = new ArrayList<>(results);
    if (otherwise != null) all.add(otherwise);
    VType t = common(all, c.pos(), "mix CASE results of");
    if (t == VType.NULL) return new Ops.Const(VType.NULL, null);
    Eval[] rs = new Eval[results.size()];
    for (int k = 0; k < rs.length; k++) rs[k] = coerce(results.get(k), t, c.whens().get(k).result().pos());
    return Ops.caseWhen(conditions, rs, otherwise == null ? null : coerce(otherwise, t, c.otherwise().pos()), t);
  }

  // ---------------------------------------------------------------- functions

  private Eval call(Ast.Call c) {
    String name = c.function();
    if (!FUNCTIONS.contains(name)) {
      throw new ExpressionException(text, c.pos(), "unknown function '" + name + "'", Names.suggest(name, FUNCTIONS));
    }
    List<Eval> args = new ArrayList<>();
    if (!name.equals("date_trunc")) for (Ast a : c.args()) args.add(compile(a));
    return switch (name) {
      case "abs" -> Ops.abs(numeric(c, args, 0, arity(c, 1, 1)));
      case "round" -> {
        arity(c, 1, 2);
        Eval x = numeric(c, args, 0, 0);
        yield Ops.round(x, args.size() == 2 ? integer(c, args, 1) : null);
      }
      case "floor", "ceil" -> Ops.floorOrCeil(numeric(c, args, 0, arity(c, 1, 1)), name.equals("ceil"));
      case "coalesce", "least", "greatest" -> {
        arity(c, 1, Integer.MAX_VALUE);
        VType t = common(args, c.pos(), "mix " + name + " arguments of type");
        if (t == VType.NULL) yield new Ops.Const(VType.NULL, null);
        Eval[] coerced = new Eval[args.size()];
        for (int k = 0; k < coerced.length; k++) coerced[k] = coerce(args.get(k), t, c.args().get(k).pos());
        yield name.equals("coalesce") ? Ops.coalesce(coerced, t) : Ops.extreme(coerced, t, name.equals("greatest"));
      }
      case "nullif" -> {
        arity(c, 2, 2);
        yield Ops.nullIf(args.get(0), comparison("=", args.get(0), args.get(1), c.pos()));
      }
      case "lower", "upper" -> Ops.changeCase(string(c, args, 0, arity(c, 1, 1)), name.equals("upper"));
      case "length" -> Ops.length(string(c, args, 0, arity(c, 1, 1)));
      case "concat" -> {
        arity(c, 1, Integer.MAX_VALUE);
        Eval[] parts = new Eval[args.size()];
        for (int k = 0; k < parts.length; k++) parts[k] = asString(args.get(k), c.args().get(k).pos());
        yield Ops.concat(parts, false);
      }
      case "epoch_seconds" -> Ops.epochSeconds(timestamp(c, args, arity(c, 1, 1)));
      case "minutes_between", "seconds_between" -> {
        arity(c, 2, 2);
        double unit = name.startsWith("minutes") ? Temporal.MICROS_PER_MINUTE : Temporal.MICROS_PER_SECOND;
        yield Ops.between(timestamp(c, args, 0), timestamp(c, args, 1), unit);
      }
      case "year", "month", "day", "hour", "minute" -> Ops.field(timestamp(c, args, arity(c, 1, 1)), name);
      case "date_trunc" -> {
        arity(c, 2, 2);
        if (!(c.args().get(0) instanceof Ast.Literal lit) || !(lit.value() instanceof String unit)
            || !TRUNC_UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
          throw error(c.args().get(0).pos(), "date_trunc expects a unit literal, one of " + TRUNC_UNITS);
        }
        args.add(new Ops.Const(VType.STRING, unit));
        args.add(compile(c.args().get(1)));
        yield Ops.dateTrunc(unit.toLowerCase(Locale.ROOT), timestamp(c, args, 1));
      }
      default -> throw new IllegalStateException(name);
    };
  }

  /** Checks the argument count; returns 0 so single-argument calls read as {@code f(arg(0))}. */
  private int arity(Ast.Call c, int min, int max) {
    int n = c.args().size();
    if (n < min || n > max) {
      String expected = min == max ? min + " argument" + (min == 1 ? "" : "s")
          : max == Integer.MAX_VALUE ? "at least " + min + " argument" + (min == 1 ? "" : "s")
          : min + " to " + max + " arguments";
      throw error(c.pos(), c.function() + " expects " + expected + ", found " + n);
    }
    return 0;
  }

  private Eval numeric(Ast.Call c, List<Eval> args, int k, int ignored) {
    Eval e = args.get(k);
    if (e.type() == VType.NULL) return new Ops.Const(VType.DOUBLE, null);
    if (!e.type().numeric()) throw error(c.args().get(k).pos(), c.function() + " expects a number, found " + e.type());
    return e;
  }

  private Eval integer(Ast.Call c, List<Eval> args, int k) {
    Eval e = args.get(k);
    if (e.type() == VType.NULL) return new Ops.Const(VType.BIGINT, null);
    if (!e.type().integral()) throw error(c.args().get(k).pos(), c.function() + " expects an integer here, found " + e.type());
    return e;
  }

  private Eval string(Ast.Call c, List<Eval> args, int k, int ignored) {
    Eval e = args.get(k);
    if (e.type() == VType.NULL) return new Ops.Const(VType.STRING, null);
    if (e.type() != VType.STRING) throw error(c.args().get(k).pos(), c.function() + " expects a string, found " + e.type());
    return e;
  }

  /** A timestamp argument as micros: DATE and timestamp-shaped string literals are converted. */
  private Eval timestamp(Ast.Call c, List<Eval> args, int k) {
    Eval e = args.get(k);
    int pos = c.args().get(k).pos();
    VType t = e.type();
    if (t.timestamp()) return e;
    if (t == VType.NULL || t == VType.DATE || isStringLiteral(e)) return coerce(e, VType.TIMESTAMP, pos);
    throw error(pos, c.function() + " expects a timestamp, found " + t);
  }
}
