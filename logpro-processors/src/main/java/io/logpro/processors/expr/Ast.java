package io.logpro.processors.expr;

import java.util.List;

/** The parsed, untyped expression tree; every node keeps its offset in the text for errors. */
sealed interface Ast {
  int pos();

  /** value: Long, Double, String, Boolean or null; kind says which literal syntax it came from. */
  record Literal(int pos, Object value, VType type) implements Ast {}

  record Column(int pos, String name, boolean quoted) implements Ast {}

  /** op: "-" or "NOT". */
  record Unary(int pos, String op, Ast operand) implements Ast {}

  /** op: + - * / % || = != < <= > >= AND OR. */
  record Binary(int pos, String op, Ast left, Ast right) implements Ast {}

  record IsNull(int pos, Ast operand, boolean negated) implements Ast {}

  record Between(int pos, Ast operand, Ast low, Ast high, boolean negated) implements Ast {}

  record In(int pos, Ast operand, List<Ast> values, boolean negated) implements Ast {}

  record When(Ast condition, Ast result) {}

  record Case(int pos, List<When> whens, Ast otherwise) implements Ast {}

  record Call(int pos, String function, List<Ast> args) implements Ast {}

  record Cast(int pos, Ast operand, VType target) implements Ast {}
}
