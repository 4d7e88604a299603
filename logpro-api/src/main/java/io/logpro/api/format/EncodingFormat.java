package io.logpro.api.format;

import org.apache.arrow.vector.types.pojo.Schema;

/** A format logpro can write. */
public interface EncodingFormat {
  Encoder newEncoder(Schema schema);
}
