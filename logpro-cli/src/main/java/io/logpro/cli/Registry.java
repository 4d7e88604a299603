package io.logpro.cli;

import io.logpro.core.ComponentRegistry;

final class Registry {
  private Registry() {}

  private static ComponentRegistry registry;

  static synchronized ComponentRegistry get() {
    if (registry == null) registry = ComponentRegistry.load();
    return registry;
  }
}
