package io.logpro.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON to store a {@link Checkpoint}: an array of flat objects with string and
 * integer values. Written by hand because logpro-api depends on Arrow alone.
 */
final class MiniJson {
  private MiniJson() {}

  static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  static List<Map<String, Object>> parseArrayOfObjects(String json) {
    Parser p = new Parser(json);
    List<Map<String, Object>> out = new ArrayList<>();
    p.ws();
    p.expect('[');
    p.ws();
    if (p.peek() == ']') return out;
    while (true) {
      out.add(p.object());
      p.ws();
      char c = p.next();
      if (c == ']') return out;
      if (c != ',') throw p.error("expected , or ]");
      p.ws();
    }
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    char peek() {
      if (i >= s.length()) throw error("unexpected end");
      return s.charAt(i);
    }

    char next() {
      char c = peek();
      i++;
      return c;
    }

    void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    void expect(char c) {
      if (next() != c) throw error("expected " + c);
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bad checkpoint JSON at " + i + ": " + what);
    }

    Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      expect('{');
      ws();
      if (peek() == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        String key = string();
        ws();
        expect(':');
        ws();
        m.put(key, peek() == '"' ? string() : number());
        ws();
        char c = next();
        if (c == '}') return m;
        if (c != ',') throw error("expected , or }");
      }
    }

    Long number() {
      int start = i;
      if (peek() == '-') i++;
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
      return Long.parseLong(s.substring(start, i));
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') return sb.toString();
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
      }
    }
  }
}
