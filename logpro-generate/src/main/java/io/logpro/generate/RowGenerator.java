package io.logpro.generate;

/** A reproducible workload: row {@code i} depends only on (seed, i), so any range can be produced. */
public interface RowGenerator {

  /** The generator's name in configs and positions ("taxi"). */
  String name();

  long seed();

  /** A single-threaded encoder that may keep scratch state between rows. */
  RowEncoder newNdjsonEncoder();

  interface RowEncoder {
    /**
     * Appends row {@code row} as one NDJSON record without the trailing newline and returns its
     * event time in epoch milliseconds, or {@link io.logpro.api.RawMessage#NO_TIMESTAMP}.
     */
    long encode(long row, ByteSink out);
  }
}
