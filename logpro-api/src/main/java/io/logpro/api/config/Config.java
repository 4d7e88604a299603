package io.logpro.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A component's validated configuration. Defaults from its {@link ConfigSpec} are already
 * applied and types already checked, so getters do not fail for declared fields. Anything a
 * component checks beyond that (two fields that exclude each other, an expression that does not
 * parse) is reported with {@link #error(String, String)}, which points at the YAML line.
 */
public interface Config {

  /** The {@code type:} of the component, or empty for a nested object. */
  String type();

  /** The component's name in the pipeline ("bronze"), or its type when it has none. */
  String name();

  boolean has(String key);

  Set<String> keys();

  String string(String key);

  int integer(String key);

  long longValue(String key);

  double doubleValue(String key);

  boolean bool(String key);

  Duration duration(String key);

  /** A size in bytes. */
  long bytes(String key);

  List<String> strings(String key);

  Config object(String key);

  List<Config> objects(String key);

  /** The raw value as parsed from YAML (String, Long, Double, Boolean, List, Map), or null. */
  Object raw(String key);

  /** All keys and raw values, for open specs that pass properties through. */
  Map<String, Object> asMap();

  /** A user error located at {@code key} (or at this block when the key is absent). */
  ConfigException error(String key, String message);
}
