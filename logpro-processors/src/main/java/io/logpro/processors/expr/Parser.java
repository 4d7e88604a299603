package io.logpro.processors.expr;

import io.logpro.processors.expr.Lexer.Kind;
import io.logpro.processors.expr.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Pratt parser for the SQL-like expression language. Hand-written rather than generated
 * (ANTLR): the grammar is one screen long, a generator would add a runtime dependency to every
 * pipeline, and hand-written code gives precise error positions cheaply.
 *
 * <p>Binding power, loosest first: OR, AND, NOT, comparisons / IS / BETWEEN / IN, ||, + -,
 * * / %, unary minus.
 */
final class Parser {
  private static final int OR = 1, AND = 2, NOT = 3, CMP = 4, CONCAT = 5, ADD = 6, MUL = 7, UNARY = 8;

  private final String text;
  private final List<Token> tokens;
  private int at;

  private Parser(String text) {
    this.text = text;
    this.tokens = Lexer.tokenize(text);
  }

  static Ast parse(String text) {
    if (text == null || text.isBlank()) throw new ExpressionException(text == null ? "" : text, 0, "empty expression", null);
    Parser p = new Parser(text);
    Ast ast = p.expression(0);
    Token t = p.peek();
    if (t.kind() != Kind.EOF) throw p.error(t, "unexpected " + describe(t) + " after the end of the expression");
    return ast;
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private Token next() {
    return tokens.get(at++);
  }

  private ExpressionException error(Token t, String message) {
    return new ExpressionException(text, t.pos(), message, null);
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "end of expression";
      case STRING -> "string '" + t.text() + "'";
      case QUOTED_IDENT -> "\"" + t.text() + "\"";
      default -> "'" + t.text() + "'";
    };
  }

  private Token expectSymbol(String symbol) {
    Token t = next();
    if (!t.is(symbol)) throw error(t, "expected '" + symbol + "', found " + describe(t));
    return t;
  }

  private Token expectKeyword(String keyword) {
    Token t = next();
    if (!t.isKeyword(keyword)) throw error(t, "expected " + keyword + ", found " + describe(t));
    return t;
  }

  private Ast expression(int minPower) {
    Ast left = prefix();
    while (true) {
      Token t = peek();
      int power = infixPower(t);
      if (power == 0 || power <= minPower) return left;
      left = infix(left, power);
    }
  }

  /** The binding power of {@code t} as an infix operator, 0 when it is none. */
  private int infixPower(Token t) {
    if (t.kind() == Kind.SYMBOL) {
      return switch (t.text()) {
        case "=", "!=", "<>", "<", "<=", ">", ">=" -> CMP;
        case "||" -> CONCAT;
        case "+", "-" -> ADD;
        case "*", "/", "%" -> MUL;
        default -> 0;
      };
    }
    if (t.kind() != Kind.IDENT) return 0;
    return switch (t.text().toUpperCase(Locale.ROOT)) {
      case "OR" -> OR;
      case "AND" -> AND;
      case "IS", "BETWEEN", "IN" -> CMP;
      case "NOT" -> peek(1).isKeyword("BETWEEN") || peek(1).isKeyword("IN") ? CMP : 0;
      default -> 0;
    };
  }

  private Ast infix(Ast left, int power) {
    Token t = next();
    if (t.kind() == Kind.SYMBOL) {
      return new Ast.Binary(t.pos(), t.text().equals("<>") ? "!=" : t.text(), left, expression(power));
    }
    String word = t.text().toUpperCase(Locale.ROOT);
    switch (word) {
      case "OR", "AND" -> {
        return new Ast.Binary(t.pos(), word, left, expression(power));
      }
      case "IS" -> {
        boolean negated = false;
        if (peek().isKeyword("NOT")) {
          next();
          negated = true;
        }
        expectKeyword("NULL");
        return new Ast.IsNull(t.pos(), left, negated);
      }
      default -> {
        boolean negated = word.equals("NOT");
        Token op = negated ? next() : t;
        if (op.isKeyword("BETWEEN")) {
          Ast low = expression(CMP);
          expectKeyword("AND");
          Ast high = expression(CMP);
          return new Ast.Between(op.pos(), left, low, high, negated);
        }
        expectSymbol("(");
        List<Ast> values = new ArrayList<>();
        do {
          values.add(expression(0));
        } while (consumeComma());
        expectSymbol(")");
        return new Ast.In(op.pos(), left, values, negated);
      }
    }
  }

  private boolean consumeComma() {
    if (peek().is(",")) {
      next();
      return true;
    }
    return false;
  }

  private Ast prefix() {
    Token t = next();
    switch (t.kind()) {
      case INTEGER -> {
        try {
          long v = Long.parseLong(t.text());
          return new Ast.Literal(t.pos(), v, v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? VType.INT : VType.BIGINT);
        } catch (NumberFormatException e) {
          return new Ast.Literal(t.pos(), Double.parseDouble(t.text()), VType.DOUBLE);
        }
      }
      case DECIMAL -> {
        return new Ast.Literal(t.pos(), Double.parseDouble(t.text()), VType.DOUBLE);
      }
      case STRING -> {
        return new Ast.Literal(t.pos(), t.text(), VType.STRING);
      }
      case QUOTED_IDENT -> {
        return new Ast.Column(t.pos(), t.text(), true);
      }
      case SYMBOL -> {
        switch (t.text()) {
          case "(" -> {
            Ast inner = expression(0);
            expectSymbol(")");
            return inner;
          }
          case "-" -> {
            Ast operand = expression(UNARY);
            // Fold "-5" into one literal so that Long.MIN_VALUE and friends stay exact.
            if (operand instanceof Ast.Literal lit && lit.value() instanceof Long v) return new Ast.Literal(t.pos(), -v, lit.type());
            if (operand instanceof Ast.Literal lit && lit.value() instanceof Double v) return new Ast.Literal(t.pos(), -v, lit.type());
            return new Ast.Unary(t.pos(), "-", operand);
          }
          case "+" -> {
            return expression(UNARY);
          }
          default -> throw error(t, "expected a value, found " + describe(t));
        }
      }
      case EOF -> throw error(t, "expected a value, found end of expression");
      default -> {
        return word(t);
      }
    }
  }

  private Ast word(Token t) {
    String word = t.text().toUpperCase(Locale.ROOT);
    switch (word) {
      case "NULL" -> {
        return new Ast.Literal(t.pos(), null, VType.NULL);
      }
      case "TRUE", "FALSE" -> {
        return new Ast.Literal(t.pos(), word.equals("TRUE"), VType.BOOL);
      }
      case "NOT" -> {
        return new Ast.Unary(t.pos(), "NOT", expression(NOT));
      }
      case "CASE" -> {
        return caseExpression(t);
      }
      case "CAST" -> {
        if (peek().is("(")) return cast(t);
      }
      case "TIMESTAMP", "DATE" -> {
        if (peek().kind() == Kind.STRING) return typedLiteral(t, word);
      }
      default -> {}
    }
    if (peek().is("(")) {
      next();
      List<Ast> args = new ArrayList<>();
      if (!peek().is(")")) {
        do {
          args.add(expression(0));
        } while (consumeComma());
      }
      expectSymbol(")");
      return new Ast.Call(t.pos(), t.text().toLowerCase(Locale.ROOT), args);
    }
    return new Ast.Column(t.pos(), t.text(), false);
  }

  private Ast typedLiteral(Token t, String word) {
    Token s = next();
    try {
      if (word.equals("DATE")) return new Ast.Literal(t.pos(), Temporal.parseDate(s.text()), VType.DATE);
      Temporal.Parsed p = Temporal.parseTimestamp(s.text());
      return new Ast.Literal(t.pos(), p.micros(), p.zoned() ? VType.TIMESTAMPTZ : VType.TIMESTAMP);
    } catch (RuntimeException e) {
      String shape = word.equals("DATE") ? "'YYYY-MM-DD'" : "'YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]'";
      throw error(s, "invalid " + word + " literal: expected " + shape + ", found '" + s.text() + "'");
    }
  }

  private Ast caseExpression(Token t) {
    List<Ast.When> whens = new ArrayList<>();
    while (peek().isKeyword("WHEN")) {
      next();
      Ast condition = expression(0);
      expectKeyword("THEN");
      whens.add(new Ast.When(condition, expression(0)));
    }
    if (whens.isEmpty()) throw error(peek(), "expected WHEN, found " + describe(peek()));
    Ast otherwise = null;
    if (peek().isKeyword("ELSE")) {
      next();
      otherwise = expression(0);
    }
    expectKeyword("END");
    return new Ast.Case(t.pos(), whens, otherwise);
  }

  private Ast cast(Token t) {
    expectSymbol("(");
    Ast operand = expression(0);
    expectKeyword("AS");
    Token type = next();
    if (type.kind() != Kind.IDENT) throw error(type, "expected a type name, found " + describe(type));
    String name = type.text().toUpperCase(Locale.ROOT);
    if (name.equals("DOUBLE") && peek().isKeyword("PRECISION")) next();
    if (peek().is("(")) { // VARCHAR(20): the length is accepted and ignored
      next();
      Token len = next();
      if (len.kind() != Kind.INTEGER) throw error(len, "expected a length, found " + describe(len));
      expectSymbol(")");
    }
    VType target = switch (name) {
      case "INT", "INTEGER", "INT4" -> VType.INT;
      case "BIGINT", "INT8", "LONG" -> VType.BIGINT;
      case "DOUBLE", "FLOAT", "FLOAT8", "REAL", "FLOAT4" -> VType.DOUBLE;
      case "BOOLEAN", "BOOL" -> VType.BOOL;
      case "VARCHAR", "STRING", "TEXT", "CHAR" -> VType.STRING;
      case "TIMESTAMP" -> VType.TIMESTAMP;
      case "TIMESTAMPTZ" -> VType.TIMESTAMPTZ;
      case "DATE" -> VType.DATE;
      default -> throw error(type, "unknown type '" + type.text()
          + "': expected INT, BIGINT, DOUBLE, BOOLEAN, VARCHAR, TIMESTAMP, TIMESTAMPTZ or DATE");
    };
    expectSymbol(")");
    return new Ast.Cast(t.pos(), operand, target);
  }
}
