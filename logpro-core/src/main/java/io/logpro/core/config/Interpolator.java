package io.logpro.core.config;

import java.util.Map;
import java.util.function.Function;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in config text with environment values.
 * {@code $${} escapes a literal {@code ${}. An unset variable without a default is an error, so
 * that a missing secret never turns silently into an empty password.
 */
public final class Interpolator {
  private final Function<String, String> env;

  public Interpolator(Function<String, String> env) {
    this.env = env;
  }

  public static Interpolator fromEnvironment() {
    Map<String, String> e = System.getenv();
    return new Interpolator(name -> {
      String v = System.getProperty("logpro.env." + name);
      return v != null ? v : e.get(name);
    });
  }

  /** Thrown for a variable that is not set and has no default. */
  public static final class MissingVariable extends RuntimeException {
    public MissingVariable(String message) {
      super(message, null, false, false);
    }
  }

  public boolean hasReference(String text) {
    return text.contains("${");
  }

  public String interpolate(String text) {
    if (!text.contains("${")) return text;
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        continue;
      }
      if (c == '$' && text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) throw new MissingVariable("unclosed '${' in '" + text + "'");
        String body = text.substring(i + 2, end);
        String name = body;
        String fallback = null;
        int sep = body.indexOf(":-");
        if (sep >= 0) {
          name = body.substring(0, sep);
          fallback = body.substring(sep + 2);
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
          throw new MissingVariable("'" + name + "' is not a valid variable name in '${" + body + "}'");
        }
        String value = env.apply(name);
        if (value == null || (value.isEmpty() && fallback != null)) {
          if (fallback == null) {
            throw new MissingVariable("environment variable " + name + " is not set (write ${" + name + ":-default} to give a default)");
          }
          value = fallback;
        }
        out.append(value);
        i = end + 1;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
