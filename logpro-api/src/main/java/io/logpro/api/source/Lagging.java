package io.logpro.api.source;

/**
 * A source that knows how far it is behind its input's head (a Kafka consumer's lag, the records
 * a replication slot still holds). The engine exports it as the {@code logpro_source_lag_records}
 * gauge.
 *
 * <p>Unlike the other methods of a source, this one is called from other threads (a metrics
 * scrape) while the source reads: it must be thread-safe, cheap and must never block or call a
 * remote server. Sources compute the value on their own thread (e.g. after each poll) and return
 * what they last saw.
 */
public interface Lagging {
  /** Records between what was read and the head, summed over the assigned partitions; -1 when unknown. */
  long recordsBehind();
}
