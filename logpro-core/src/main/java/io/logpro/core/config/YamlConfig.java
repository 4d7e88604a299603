package io.logpro.core.config;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.ConfigProblem;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.MapConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated config block that remembers where each key was written, for precise errors. */
public final class YamlConfig extends MapConfig {
  private final String file;
  private final String path;
  private final ConfigNode.Mapping node;

  public YamlConfig(String file, String path, String name, ConfigSpec spec, ConfigNode.Mapping node) {
    super(typeOf(node), name, spec, toPlainMap(node));
    this.file = file;
    this.path = path;
    this.node = node;
  }

  private static String typeOf(ConfigNode.Mapping node) {
    ConfigNode t = node.get("type");
    return t instanceof ConfigNode.Scalar s && s.value() != null ? String.valueOf(s.value()) : "";
  }

  public String file() {
    return file;
  }

  /** The same block read against {@code componentSpec}, so that its defaults apply. */
  public YamlConfig withSpec(ConfigSpec componentSpec) {
    return new YamlConfig(file, path, name(), componentSpec, node);
  }

  public ConfigNode.Mapping node() {
    return node;
  }

  public String path() {
    return path;
  }

  @Override
  public Config object(String key) {
    if (node.get(key) instanceof ConfigNode.Mapping m) {
      ConfigSpec nested = spec() == null ? null : spec().field(key).map(f -> f.nested()).orElse(null);
      return new YamlConfig(file, ConfigValidator.join(path, key), key, nested, m);
    }
    return super.object(key);
  }

  @Override
  public List<Config> objects(String key) {
    if (node.get(key) instanceof ConfigNode.Sequence seq) {
      ConfigSpec nested = spec() == null ? null : spec().field(key).map(f -> f.nested()).orElse(null);
      List<Config> out = new ArrayList<>();
      int i = 0;
      for (ConfigNode item : seq.items()) {
        String p = ConfigValidator.join(path, key) + "[" + i++ + "]";
        if (item instanceof ConfigNode.Mapping m) out.add(new YamlConfig(file, p, key, nested, m));
        else throw new ConfigException(new ConfigProblem(file, item.line(), item.column(), p, "expected a mapping, found " + ConfigNode.describe(item), null));
      }
      return out;
    }
    return super.objects(key);
  }

  @Override
  public ConfigException error(String key, String message) {
    ConfigNode.Entry e = node.entries().get(key);
    int line = e != null ? e.value().line() : node.line();
    int col = e != null ? e.value().column() : node.column();
    return new ConfigException(new ConfigProblem(file, line, col, ConfigValidator.join(path, key), message, null));
  }

  public static Object toPlain(ConfigNode n) {
    return switch (n) {
      case ConfigNode.Scalar s -> s.value();
      case ConfigNode.Sequence q -> {
        List<Object> out = new ArrayList<>();
        for (ConfigNode item : q.items()) out.add(toPlain(item));
        yield out;
      }
      case ConfigNode.Mapping m -> toPlainMap(m);
    };
  }

  public static Map<String, Object> toPlainMap(ConfigNode.Mapping m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.entries().forEach((k, e) -> out.put(k, toPlain(e.value())));
    return out;
  }
}
