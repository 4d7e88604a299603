package io.logpro.api.format;

import io.logpro.api.ComponentFactory;
import io.logpro.api.config.Config;

public interface FormatFactory extends ComponentFactory {
  Format create(Config config);
}
