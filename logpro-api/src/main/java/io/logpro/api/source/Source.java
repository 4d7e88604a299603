package io.logpro.api.source;

import io.logpro.api.PipelineContext;
import java.time.Duration;

/**
 * Reads records from somewhere. Knows nothing about Arrow layouts of the sinks, Parquet or
 * Iceberg: it hands out {@link io.logpro.api.RawMessage}s (or Arrow columns for sources that
 * have them) each with a {@link io.logpro.api.Position}. Called from one thread.
 * Optional capabilities: {@link Seekable}, {@link Acknowledging}, {@link Schematized}, {@link Partitioned}.
 */
public interface Source extends AutoCloseable {

  void open(PipelineContext context) throws Exception;

  /**
   * Returns up to {@code maxRecords} records, waiting at most {@code maxWait} for the first one.
   * Returns {@link SourceChunk#IDLE} when nothing came and {@link SourceChunk#END} when a finite
   * source is exhausted.
   */
  SourceChunk read(int maxRecords, Duration maxWait) throws Exception;

  @Override
  void close() throws Exception;
}
