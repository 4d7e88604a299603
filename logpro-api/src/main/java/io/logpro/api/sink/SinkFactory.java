package io.logpro.api.sink;

import io.logpro.api.ComponentFactory;
import io.logpro.api.config.Config;

public interface SinkFactory extends ComponentFactory {
  Sink create(Config config);
}
