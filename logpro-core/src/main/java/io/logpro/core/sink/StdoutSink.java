package io.logpro.core.sink;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.FieldSpec;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.format.Encoder;
import io.logpro.api.sink.Sink;
import io.logpro.api.sink.SinkFactory;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;

/** Prints rows to standard output (NDJSON by default), for debugging a pipeline. */
public final class StdoutSink implements Sink {
  private final EncodingFormat format;
  private final OutputStream out;
  private Encoder encoder;

  StdoutSink(EncodingFormat format, OutputStream out) {
    this.format = format;
    this.out = out;
  }

  @Override
  public void open(PipelineContext context) {}

  @Override
  public void write(Batch batch) throws Exception {
    if (encoder == null) encoder = format.newEncoder(batch.root().getSchema());
    encoder.encode(batch.root(), 0, batch.rowCount(), out);
  }

  @Override
  public void commit(Checkpoint checkpoint) throws Exception {
    out.flush();
  }

  @Override
  public void close() throws Exception {
    out.flush();
  }

  public static final class Factory implements SinkFactory {
    static final ConfigSpec SPEC = ConfigSpec.builder("stdout", "Prints rows to standard output, one NDJSON line each (or another writable format).")
        .field(FieldSpec.component("format", "format", "How rows are printed (default json).").withExample("{type: csv}"))
        .build();

    @Override
    public ConfigSpec spec() {
      return SPEC;
    }

    @Override
    public Sink create(Config config) {
      // Standard output, unbuffered by System.out's locking PrintStream: the sink buffers itself.
      return new StdoutSink(EncoderLookup.of(config), new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    }
  }
}
