package io.logpro.kafka.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the JVM's shared {@link KafkaBroker} to test constructors and methods:
 * {@code @ExtendWith(KafkaBrokerExtension.class)} then a {@code KafkaBroker} parameter.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return KafkaBroker.shared();
  }
}
