package io.logpro.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Config} over plain values (String, Number, Boolean, List, Map), with the defaults of
 * a {@link ConfigSpec} filled in. The YAML loader builds these after validation; tests and
 * benchmarks build them directly: {@code MapConfig.of(spec, Map.of("path", "x"))}.
 */
public class MapConfig implements Config {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?");

  private final String type;
  private final String name;
  private final ConfigSpec spec;
  private final Map<String, Object> values;

  public MapConfig(String type, String name, ConfigSpec spec, Map<String, ?> values) {
    this.type = type == null ? "" : type;
    this.name = name == null ? this.type : name;
    this.spec = spec;
    Map<String, Object> v = new LinkedHashMap<>();
    if (spec != null) {
      for (FieldSpec f : spec.fields()) {
        if (f.defaultValue() != null) v.put(f.name(), f.defaultValue());
      }
    }
    if (values != null) values.forEach((k, val) -> { if (val != null) v.put(k, val); });
    this.values = Collections.unmodifiableMap(v);
  }

  /** A config for a component of {@code spec}'s type. */
  public static MapConfig of(ConfigSpec spec, Map<String, ?> values) {
    return new MapConfig(spec.type(), spec.type(), spec, values);
  }

  public ConfigSpec spec() {
    return spec;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean has(String key) {
    return values.containsKey(key);
  }

  @Override
  public Set<String> keys() {
    return values.keySet();
  }

  private Object need(String key) {
    Object v = values.get(key);
    if (v == null) throw error(key, "is required");
    return v;
  }

  @Override
  public String string(String key) {
    Object v = values.get(key);
    return v == null ? null : String.valueOf(v);
  }

  @Override
  public int integer(String key) {
    return Math.toIntExact(longValue(key));
  }

  @Override
  public long longValue(String key) {
    Object v = need(key);
    if (v instanceof Number n) return n.longValue();
    try {
      return Long.parseLong(v.toString().trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw error(key, "expected an integer, found '" + v + "'");
    }
  }

  @Override
  public double doubleValue(String key) {
    Object v = need(key);
    if (v instanceof Number n) return n.doubleValue();
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw error(key, "expected a number, found '" + v + "'");
    }
  }

  @Override
  public boolean bool(String key) {
    Object v = need(key);
    if (v instanceof Boolean b) return b;
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("yes") || s.equals("on")) return true;
    if (s.equals("false") || s.equals("no") || s.equals("off")) return false;
    throw error(key, "expected true or false, found '" + v + "'");
  }

  @Override
  public Duration duration(String key) {
    Object v = need(key);
    Duration d = parseDuration(v);
    if (d == null) throw error(key, "expected a duration such as 500ms, 2s or 5m, found '" + v + "'");
    return d;
  }

  @Override
  public long bytes(String key) {
    Object v = need(key);
    long b = parseSize(v);
    if (b < 0) throw error(key, "expected a size such as 64KB, 128MB or 1GB, found '" + v + "'");
    return b;
  }

  /** "2s", "500ms", "5m", "1h", "1d" or a number of seconds; null when it does not parse. */
  public static Duration parseDuration(Object v) {
    if (v instanceof Number n) return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
    Matcher m = DURATION.matcher(v.toString().trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) return null;
    double x = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double ms = switch (unit) {
      case "ms" -> x;
      case "s" -> x * 1000;
      case "m" -> x * 60_000;
      case "h" -> x * 3_600_000;
      default -> x * 86_400_000;
    };
    return Duration.ofMillis(Math.round(ms));
  }

  /** "64KB", "128MB", "1GiB" or a number of bytes; -1 when it does not parse. */
  public static long parseSize(Object v) {
    if (v instanceof Number n) return n.longValue();
    Matcher m = SIZE.matcher(v.toString().trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) return -1;
    double x = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long mult = switch (unit.charAt(0)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      case 't' -> 1L << 40;
      default -> 1L;
    };
    return Math.round(x * mult);
  }

  @Override
  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) return List.of();
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) out.add(String.valueOf(o));
      return out;
    }
    return List.of(v.toString());
  }

  @Override
  public Config object(String key) {
    Object v = values.get(key);
    ConfigSpec nested = nestedSpec(key);
    if (v == null) return new MapConfig("", key, nested, Map.of());
    if (!(v instanceof Map<?, ?> m)) throw error(key, "expected a mapping, found '" + v + "'");
    return child(key, nested, asStringMap(m));
  }

  @Override
  public List<Config> objects(String key) {
    Object v = values.get(key);
    if (v == null) return List.of();
    if (!(v instanceof List<?> list)) throw error(key, "expected a list of mappings, found '" + v + "'");
    ConfigSpec nested = nestedSpec(key);
    List<Config> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)) throw error(key, "expected a list of mappings, found an item '" + o + "'");
      out.add(child(key, nested, asStringMap(m)));
    }
    return out;
  }

  /** Builds the config of a nested block; the YAML loader overrides this to keep locations. */
  protected Config child(String key, ConfigSpec nested, Map<String, Object> values) {
    Object t = values.get("type");
    return new MapConfig(t == null ? "" : t.toString(), key, nested, values);
  }

  private ConfigSpec nestedSpec(String key) {
    if (spec == null) return null;
    return spec.field(key).map(FieldSpec::nested).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asStringMap(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  @Override
  public Object raw(String key) {
    return values.get(key);
  }

  @Override
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public ConfigException error(String key, String message) {
    String where = name.isEmpty() ? key : name + "." + key;
    return new ConfigException(new ConfigProblem(null, 0, 0, where, message, null));
  }
}
