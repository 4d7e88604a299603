package io.logpro.core.config;

import io.logpro.api.config.ConfigProblem;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.config.FieldType;
import io.logpro.api.config.MapConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a YAML tree against component specs and collects every problem at once (a user fixes
 * them all in one go rather than one per run). Each problem names the file, line, column, key,
 * what was expected and what was found, with a did-you-mean where one is close.
 */
public final class ConfigValidator {
  private final String file;
  private final SpecLookup lookup;
  private final List<ConfigProblem> problems = new ArrayList<>();

  public ConfigValidator(String file, SpecLookup lookup) {
    this.file = file;
    this.lookup = lookup;
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  public void problem(ConfigNode at, String path, String message, String suggestion) {
    problems.add(new ConfigProblem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), path, message, suggestion));
  }

  /**
   * Validates {@code node} as a mapping of {@code spec}.
   *
   * @param extraKeys keys allowed beside the spec's fields (handled by the caller, e.g. "type")
   */
  public void validateMapping(ConfigNode node, ConfigSpec spec, String path, Set<String> extraKeys) {
    if (!(node instanceof ConfigNode.Mapping m)) {
      problem(node, path, "expected a mapping, found " + ConfigNode.describe(node), null);
      return;
    }
    List<String> known = spec.fields().stream().map(FieldSpec::name).collect(Collectors.toList());
    for (ConfigNode.Entry e : m.entries().values()) {
      if (extraKeys.contains(e.key())) continue;
      Optional<FieldSpec> field = spec.field(e.key());
      String childPath = join(path, e.key());
      if (field.isEmpty()) {
        if (!spec.open()) {
          java.util.Set<String> set = new java.util.LinkedHashSet<>(known);
          set.addAll(extraKeys);
          List<String> all = new ArrayList<>(set);
          String what = spec.type() == null || spec.type().isEmpty() ? "here" : "for type '" + spec.type() + "'";
          problems.add(new ConfigProblem(file, e.keyLine(), e.keyColumn(), childPath,
              "unknown key " + what + "; expected one of " + all, io.logpro.api.config.DidYouMean.closest(e.key(), all)));
        }
        continue;
      }
      validateValue(e.value(), field.get(), childPath);
    }
    for (FieldSpec f : spec.fields()) {
      if (f.required() && (m.get(f.name()) == null || isNull(m.get(f.name())))) {
        problem(m, join(path, f.name()), "missing required key '" + f.name() + "' (" + f.type().expected()
            + (f.example() != null ? ", for example: " + f.example() : "") + ")", null);
      }
    }
  }

  private static boolean isNull(ConfigNode n) {
    return n instanceof ConfigNode.Scalar s && s.value() == null;
  }

  void validateValue(ConfigNode v, FieldSpec f, String path) {
    if (isNull(v)) {
      if (f.required()) problem(v, path, "expected " + f.type().expected() + ", found null", null);
      return;
    }
    switch (f.type()) {
      case STRING -> scalar(v, path, f, o -> !(o instanceof Map) && !(o instanceof List));
      case INT, LONG -> scalar(v, path, f, o -> o instanceof Long);
      case DOUBLE -> scalar(v, path, f, o -> o instanceof Long || o instanceof Double);
      case BOOLEAN -> scalar(v, path, f, o -> o instanceof Boolean);
      case DURATION -> scalar(v, path, f, o -> MapConfig.parseDuration(o) != null);
      case SIZE -> scalar(v, path, f, o -> MapConfig.parseSize(o) >= 0);
      case ENUM -> {
        if (v instanceof ConfigNode.Scalar s && s.value() != null && f.allowed().contains(String.valueOf(s.value()))) return;
        String found = ConfigNode.describe(v);
        problem(v, path, "expected one of " + f.allowed() + ", found " + found,
            v instanceof ConfigNode.Scalar s ? io.logpro.api.config.DidYouMean.closest(String.valueOf(s.value()), f.allowed()) : null);
      }
      case STRING_LIST -> {
        if (v instanceof ConfigNode.Scalar) return; // a single string is a list of one
        if (!(v instanceof ConfigNode.Sequence seq)) {
          problem(v, path, "expected a list of strings, found " + ConfigNode.describe(v), null);
          return;
        }
        int i = 0;
        for (ConfigNode item : seq.items()) {
          if (!(item instanceof ConfigNode.Scalar)) problem(item, path + "[" + i + "]", "expected a string, found " + ConfigNode.describe(item), null);
          i++;
        }
      }
      case OBJECT -> {
        if (f.nested() == null) {
          if (!(v instanceof ConfigNode.Mapping)) problem(v, path, "expected a mapping, found " + ConfigNode.describe(v), null);
        } else {
          validateMapping(v, f.nested(), path, Set.of());
        }
      }
      case OBJECT_LIST -> {
        if (!(v instanceof ConfigNode.Sequence seq)) {
          problem(v, path, "expected a list of mappings, found " + ConfigNode.describe(v), null);
          return;
        }
        int i = 0;
        for (ConfigNode item : seq.items()) {
          if (f.nested() == null) {
            if (!(item instanceof ConfigNode.Mapping)) problem(item, path + "[" + i + "]", "expected a mapping, found " + ConfigNode.describe(item), null);
          } else {
            validateMapping(item, f.nested(), path + "[" + i + "]", Set.of());
          }
          i++;
        }
      }
      case COMPONENT -> {
        if (!"source".equals(f.componentKind())) {
          validateComponent(v, f.componentKind(), path, Set.of());
          return;
        }
        // every source that delivers bytes takes a format:, declared by it or not (the engine decodes)
        ConfigSpec spec = validateComponent(v, "source", path, Set.of("format"));
        if (spec != null && spec.field("format").isEmpty() && v instanceof ConfigNode.Mapping m && m.get("format") != null) {
          validateComponent(m.get("format"), "format", join(path, "format"), Set.of());
        }
      }
      case COMPONENT_LIST -> {
        if (!(v instanceof ConfigNode.Sequence seq)) {
          problem(v, path, "expected a list of " + f.componentKind() + "s (mappings with a type), found " + ConfigNode.describe(v), null);
          return;
        }
        int i = 0;
        for (ConfigNode item : seq.items()) validateComponent(item, f.componentKind(), path + "[" + i++ + "]", Set.of("name"));
      }
      case ANY -> {}
    }
  }

  /** Validates a mapping with a {@code type:} key against the spec of that component; returns the spec or null. */
  public ConfigSpec validateComponent(ConfigNode v, String kind, String path, Set<String> extraKeys) {
    if (!(v instanceof ConfigNode.Mapping m)) {
      problem(v, path, "expected a " + kind + " (a mapping with a type), found " + ConfigNode.describe(v), null);
      return null;
    }
    ConfigNode typeNode = m.get("type");
    Set<String> types = lookup.types(kind);
    if (typeNode == null || isNull(typeNode)) {
      problem(m, join(path, "type"), "missing required key 'type' (one of " + types + ")", null);
      return null;
    }
    String type = String.valueOf(((ConfigNode.Scalar) typeNode).value());
    Optional<ConfigSpec> spec = lookup.spec(kind, type);
    if (spec.isEmpty()) {
      problem(typeNode, join(path, "type"), "unknown " + kind + " type '" + type + "'; expected one of " + types, io.logpro.api.config.DidYouMean.closest(type, types));
      return null;
    }
    Set<String> extra = new java.util.HashSet<>(extraKeys);
    extra.add("type");
    validateMapping(m, spec.get(), path, extra);
    return spec.get();
  }

  private void scalar(ConfigNode v, String path, FieldSpec f, java.util.function.Predicate<Object> ok) {
    if (v instanceof ConfigNode.Scalar s && ok.test(s.value())) return;
    String hint = f.example() != null ? " such as " + f.example() : "";
    problem(v, path, "expected " + f.type().expected() + hint + ", found " + ConfigNode.describe(v), null);
  }

  static String join(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }
}
