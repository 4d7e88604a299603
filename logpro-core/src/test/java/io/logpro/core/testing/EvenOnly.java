package io.logpro.core.testing;

import io.logpro.api.Batch;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorContext;
import io.logpro.api.processor.ProcessorFactory;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Test processor: keeps even values, rejects odd ones to the dead-letter output. */
public final class EvenOnly implements Processor {
  private final boolean sideEffects;

  EvenOnly(boolean sideEffects) {
    this.sideEffects = sideEffects;
  }

  @Override
  public boolean sideEffectFree() {
    return !sideEffects;
  }

  @Override
  public Batch process(Batch input, ProcessorContext context) {
    try (input) {
      BigIntVector v = (BigIntVector) input.root().getVector("value");
      int[] keep = new int[input.rowCount()];
      int n = 0;
      for (int r = 0; r < input.rowCount(); r++) {
        if (v.get(r) % 2 == 0) keep[n++] = r;
        else context.reject(input, r, "odd: " + v.get(r));
      }
      VectorSchemaRoot out = VectorSchemaRoot.create(input.root().getSchema(), context.allocator());
      BigIntVector o = (BigIntVector) out.getVector("value");
      o.allocateNew(n);
      for (int i = 0; i < n; i++) o.set(i, v.get(keep[i]));
      out.setRowCount(n);
      return input.derive(out, input.origins().select(keep, n));
    }
  }

  public static final class Factory implements ProcessorFactory {
    @Override
    public ConfigSpec spec() {
      return ConfigSpec.builder("even_only", "Test processor.")
          .field(io.logpro.api.config.FieldSpec.bool("side_effects", "Declare side effects (not warmed up).").withDefault(false))
          .build();
    }

    @Override
    public Processor create(Config config) {
      return new EvenOnly(config.bool("side_effects"));
    }
  }
}
