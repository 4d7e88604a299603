package io.logpro.api.processor;

import io.logpro.api.ComponentFactory;
import io.logpro.api.config.Config;

public interface ProcessorFactory extends ComponentFactory {
  Processor create(Config config);
}
