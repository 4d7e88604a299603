package io.logpro.processors.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens, each with its offset for error messages. */
final class Lexer {
  enum Kind { IDENT, QUOTED_IDENT, INTEGER, DECIMAL, STRING, SYMBOL, EOF }

  record Token(Kind kind, String text, int pos) {
    boolean is(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A bare identifier equal (case-insensitively) to the keyword. */
    boolean isKeyword(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }
  }

  private Lexer() {}

  static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) i++;
        out.add(new Token(Kind.IDENT, text.substring(s, i), s));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
        int s = i;
        boolean decimal = false;
        while (i < n && Character.isDigit(text.charAt(i))) i++;
        if (i < n && text.charAt(i) == '.') {
          decimal = true;
          i++;
          while (i < n && Character.isDigit(text.charAt(i))) i++;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
          int e = i + 1;
          if (e < n && (text.charAt(e) == '+' || text.charAt(e) == '-')) e++;
          if (e < n && Character.isDigit(text.charAt(e))) {
            decimal = true;
            i = e;
            while (i < n && Character.isDigit(text.charAt(i))) i++;
          }
        }
        if (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
          throw new ExpressionException(text, i, "unexpected '" + text.charAt(i) + "' after number", null);
        }
        out.add(new Token(decimal ? Kind.DECIMAL : Kind.INTEGER, text.substring(s, i), s));
      } else if (c == '\'' || c == '"') {
        int s = i;
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new ExpressionException(text, s, c == '\'' ? "unterminated string literal" : "unterminated quoted identifier", null);
          }
          char d = text.charAt(i);
          if (d == c) {
            if (i + 1 < n && text.charAt(i + 1) == c) { // doubled quote escapes itself
              sb.append(c);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          sb.append(d);
          i++;
        }
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENT, sb.toString(), s));
      } else {
        String two = i + 1 < n ? text.substring(i, i + 2) : "";
        if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>") || two.equals("||") || two.equals("==")) {
          out.add(new Token(Kind.SYMBOL, two.equals("==") ? "=" : two, i));
          i += 2;
        } else if ("+-*/%=<>(),".indexOf(c) >= 0) {
          out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
          i++;
        } else {
          throw new ExpressionException(text, i, "unexpected character '" + c + "'", null);
        }
      }
    }
    out.add(new Token(Kind.EOF, "", n));
    return out;
  }
}
