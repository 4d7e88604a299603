package io.logpro.core.config;

import io.logpro.api.config.ConfigSpec;
import java.util.Optional;
import java.util.Set;

/** Finds the spec of a nested component by kind ("source", "sink", "processor", "format") and type. */
public interface SpecLookup {
  Optional<ConfigSpec> spec(String kind, String type);

  Set<String> types(String kind);
}
