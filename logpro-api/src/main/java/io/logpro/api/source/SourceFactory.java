package io.logpro.api.source;

import io.logpro.api.ComponentFactory;
import io.logpro.api.config.Config;

public interface SourceFactory extends ComponentFactory {
  Source create(Config config);
}
