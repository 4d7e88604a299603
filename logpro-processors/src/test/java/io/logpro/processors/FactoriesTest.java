package io.logpro.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpro.api.config.FieldSpec;
import io.logpro.api.processor.ProcessorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FactoriesTest {
  private static List<ProcessorFactory> factories() {
    List<ProcessorFactory> out = new ArrayList<>();
    ServiceLoader.load(ProcessorFactory.class).forEach(out::add);
    return out;
  }

  @Test
  void serviceLoaderFindsFilterValidateAndDerive() {
    assertThat(factories()).extracting(ProcessorFactory::type).contains("filter", "validate", "derive");
  }

  @Test
  void everyConfigFieldHasADoc() {
    for (ProcessorFactory f : factories()) {
      assertThat(f.spec().doc()).as(f.type()).isNotBlank();
      checkDocs(f.type(), f.spec().fields());
    }
  }

  private static void checkDocs(String where, List<FieldSpec> fields) {
    for (FieldSpec field : fields) {
      assertThat(field.doc()).as(where + "." + field.name()).isNotBlank();
      if (field.nested() != null) checkDocs(where + "." + field.name(), field.nested().fields());
    }
  }
}
