package io.logpro.api.source;

import org.apache.arrow.vector.types.pojo.Schema;

/** A source that knows its records' schema (Avro, Parquet, CDC) and need not be inferred. */
public interface Schematized {
  /** The schema, or null if not known before the first read. */
  Schema schema();
}
