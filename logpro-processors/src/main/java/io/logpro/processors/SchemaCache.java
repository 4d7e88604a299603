package io.logpro.processors;

import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a processor compiled for the last schema it saw; recompiled only when the schema
 * changes (schema evolution). Safe to share between threads: entries are immutable.
 */
public final class SchemaCache<T> {
  private record Entry<T>(Schema schema, T value) {}

  private final Function<Schema, T> compiler;
  private volatile Entry<T> last;

  public SchemaCache(Function<Schema, T> compiler) {
    this.compiler = compiler;
  }

  public T get(Schema schema) {
    Entry<T> e = last;
    if (e == null || !e.schema.equals(schema)) {
      e = new Entry<>(schema, compiler.apply(schema));
      last = e;
    }
    return e.value;
  }
}
