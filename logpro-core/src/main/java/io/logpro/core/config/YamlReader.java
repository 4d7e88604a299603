package io.logpro.core.config;

import io.logpro.api.config.ConfigException;
import io.logpro.api.config.ConfigProblem;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a YAML file into {@link ConfigNode}s with line and column, interpolating environment
 * variables in scalars. Parsing is snakeyaml-engine's; typing of plain scalars happens here,
 * after interpolation, so that {@code port: ${PORT:-5432}} is a number.
 */
public final class YamlReader {
  private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9]+([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+");

  private final Interpolator interpolator;
  private final String fileName;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private YamlReader(Interpolator interpolator, String fileName) {
    this.interpolator = interpolator;
    this.fileName = fileName;
  }

  public static ConfigNode read(Path file, Interpolator interpolator) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(new ConfigProblem(file.toString(), 0, 0, "", "cannot read the config file: " + e.getMessage(), null));
    }
    return read(text, file.toString(), interpolator);
  }

  public static ConfigNode read(String text, String fileName, Interpolator interpolator) {
    YamlReader r = new YamlReader(interpolator, fileName);
    text = r.protectReferences(text);
    Optional<Node> root;
    try (Reader reader = new StringReader(text)) {
      LoadSettings settings = LoadSettings.builder().setLabel(fileName).setUseMarks(true).build();
      root = new Compose(settings).composeReader(reader);
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
      String msg = "invalid YAML: " + e.getProblem();
      throw new ConfigException(new ConfigProblem(fileName, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, "", msg, null));
    } catch (YamlEngineException | IOException e) {
      throw new ConfigException(new ConfigProblem(fileName, 0, 0, "", "invalid YAML: " + e.getMessage(), null));
    }
    if (root.isEmpty()) {
      throw new ConfigException(new ConfigProblem(fileName, 1, 1, "", "the config file is empty", null));
    }
    ConfigNode node = r.convert(root.get(), "");
    if (!r.problems.isEmpty()) throw new ConfigException(r.problems);
    return node;
  }

  private ConfigNode convert(Node node, String path) {
    int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    int col = node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
    switch (node) {
      case ScalarNode s -> {
        return scalar(s, path, line, col);
      }
      case SequenceNode s -> {
        List<ConfigNode> items = new ArrayList<>();
        int i = 0;
        for (Node child : s.getValue()) items.add(convert(child, path + "[" + i++ + "]"));
        return new ConfigNode.Sequence(items, line, col);
      }
      case MappingNode m -> {
        LinkedHashMap<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
          Node k = t.getKeyNode();
          int kl = k.getStartMark().map(x -> x.getLine() + 1).orElse(0);
          int kc = k.getStartMark().map(x -> x.getColumn() + 1).orElse(0);
          if (!(k instanceof ScalarNode ks)) {
            problems.add(new ConfigProblem(fileName, kl, kc, path, "a key must be a plain string", null));
            continue;
          }
          String key = ks.getValue();
          String childPath = path.isEmpty() ? key : path + "." + key;
          if (entries.containsKey(key)) {
            problems.add(new ConfigProblem(fileName, kl, kc, childPath, "duplicate key", null));
            continue;
          }
          entries.put(key, new ConfigNode.Entry(key, kl, kc, convert(t.getValueNode(), childPath)));
        }
        return new ConfigNode.Mapping(entries, line, col);
      }
      default -> {
        problems.add(new ConfigProblem(fileName, line, col, path, "unsupported YAML node", null));
        return new ConfigNode.Scalar(null, "", line, col);
      }
    }
  }

  /** ${...} references, replaced by placeholders before parsing (see {@link #protectReferences}). */
  private final List<String> references = new ArrayList<>();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$__logpro_ref_(\\d+)__");

  /**
   * Swaps each {@code ${...}} for a plain placeholder before YAML parsing: '{' and '}' are flow
   * indicators, so {@code {rows: ${ROWS}}} would not parse. Scalars get the text back before
   * interpolation. {@code $${} (an escaped literal) is left alone.
   */
  private String protectReferences(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("$${");
        i += 3;
        continue;
      }
      if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        int eol = text.indexOf('\n', i);
        if (end > 0 && (eol < 0 || end < eol)) {
          out.append("$__logpro_ref_").append(references.size()).append("__");
          references.add(text.substring(i, end + 1));
          i = end + 1;
          continue;
        }
      }
      out.append(text.charAt(i++));
    }
    return out.toString();
  }

  private String restoreReferences(String value) {
    if (references.isEmpty() || !value.contains("$__logpro_ref_")) return value;
    java.util.regex.Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(references.get(Integer.parseInt(m.group(1)))));
    m.appendTail(sb);
    return sb.toString();
  }

  private ConfigNode scalar(ScalarNode s, String path, int line, int col) {
    String raw = restoreReferences(s.getValue());
    String text;
    try {
      text = interpolator.interpolate(raw);
    } catch (Interpolator.MissingVariable e) {
      problems.add(new ConfigProblem(fileName, line, col, path, e.getMessage(), null));
      return new ConfigNode.Scalar(null, raw, line, col);
    }
    if (s.getScalarStyle() != ScalarStyle.PLAIN) return new ConfigNode.Scalar(text, text, line, col);
    return new ConfigNode.Scalar(typed(text), text, line, col);
  }

  /** YAML 1.2 core-schema typing of a plain scalar. */
  static Object typed(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.equals("~") || t.equals("null") || t.equals("Null") || t.equals("NULL")) return null;
    if (t.equals("true") || t.equals("True") || t.equals("TRUE")) return Boolean.TRUE;
    if (t.equals("false") || t.equals("False") || t.equals("FALSE")) return Boolean.FALSE;
    if (INT.matcher(t).matches()) {
      try {
        return Long.parseLong(t.replace("_", ""));
      } catch (NumberFormatException e) {
        return t;
      }
    }
    if (FLOAT.matcher(t).matches()) return Double.parseDouble(t.replace("_", ""));
    return text;
  }
}
