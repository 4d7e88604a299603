package io.logpro.api.format;

/**
 * A data format (CSV, NDJSON, Avro, Parquet...). Every format decodes messages; optional
 * capabilities say what else it does: {@link RecordFileFormat} splits files into records,
 * {@link ColumnarFileFormat} reads files straight into Arrow, {@link EncodingFormat} writes.
 */
public interface Format {
  String type();

  /** A new decoder; each pipeline branch uses its own, from one thread. */
  Decoder newDecoder();
}
