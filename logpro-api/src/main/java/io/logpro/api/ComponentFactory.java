package io.logpro.api;

import io.logpro.api.config.ConfigSpec;

/**
 * Creates one kind of component, chosen by the {@code type:} key of its YAML block. Factories
 * are found with {@link java.util.ServiceLoader}; each declares its config once in {@link #spec()}.
 */
public interface ComponentFactory {
  /** The {@code type:} name. */
  default String type() {
    return spec().type();
  }

  ConfigSpec spec();
}
