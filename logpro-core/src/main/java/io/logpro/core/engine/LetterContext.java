package io.logpro.core.engine;

import io.logpro.api.Batch;
import io.logpro.api.DeadLetter;
import io.logpro.api.RawMessage;
import io.logpro.api.processor.ProcessorContext;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/** A processor's context whose dead letters and rejected rows go to {@code letters} (one thread). */
final class LetterContext implements ProcessorContext {
  private final String pipeline;
  private final String stage;
  private final String source;
  private final BufferAllocator allocator;
  private final Consumer<DeadLetter> letters;

  /** @param processor the processor's name: its stage in the letters is "processor:" + it */
  LetterContext(String pipeline, String processor, String source, BufferAllocator allocator, Consumer<DeadLetter> letters) {
    this.pipeline = pipeline;
    this.stage = "processor:" + processor;
    this.source = source;
    this.allocator = allocator;
    this.letters = letters;
  }

  /** A rejected row as a dead letter: its original bytes, or the row as JSON when the source delivered columns. */
  static DeadLetter letterFor(Batch batch, int row, String error, String stage, String source) {
    RawMessage m = batch.origins() == null ? null : batch.origins().message(row);
    byte[] raw = m == null || m.length() == 0 ? RowJson.render(batch.root(), row) : m.bytes();
    return new DeadLetter(error, stage, Instant.now(), source, m == null ? null : m.position(), raw);
  }

  @Override
  public String pipelineName() {
    return pipeline;
  }

  @Override
  public String componentName() {
    return stage;
  }

  @Override
  public BufferAllocator allocator() {
    return allocator;
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    letters.accept(letter);
  }

  @Override
  public void reject(Batch batch, int row, String error) {
    letters.accept(letterFor(batch, row, error, stage, source));
  }
}
