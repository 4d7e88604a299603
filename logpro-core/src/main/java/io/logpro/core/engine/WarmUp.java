package io.logpro.core.engine;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.DeadLetter;
import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.RowOrigins;
import io.logpro.api.config.Config;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.api.processor.Processor;
import io.logpro.api.processor.ProcessorContext;
import io.logpro.api.sink.Sink;
import io.logpro.core.ComponentRegistry;
import io.logpro.core.config.PipelineDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms a starting pipeline's code up before real input arrives: synthetic messages from the
 * decoder's schema ({@link Decoder#sample}) go through fresh copies of the decoder and of the
 * side-effect-free processors, and what comes out goes to each sink's {@link Sink#warmUp}
 * (throwaway destinations), the rejects to the dead-letter sink's. It runs on a thread of its own
 * while the source connects: on a cold JVM the first batch otherwise spent 2.5 s loading and
 * interpreting decode, Parquet and Iceberg commit code (BENCHMARKS.md, Kafka section).
 *
 * <p>Touches no state of the running pipeline, and never fails it: a failure here is logged.
 */
final class WarmUp {
  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
  /** Rows per round, and rounds of decoding and processing: enough for the JIT to compile the loops per row. */
  static final int ROWS = 2_048;
  static final int ROUNDS = 4;
  static final String PARTITION = "warm-up";

  private final PipelineDefinition def;
  private final ComponentRegistry registry;
  private final BufferAllocator allocator;
  /** The sinks by name, the dead-letter sink under {@code dlqName}. */
  private final Map<String, Sink> sinks;
  private final String dlqName;
  private volatile boolean cancelled;
  private final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
  private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
  private final List<DeadLetter> letters = new ArrayList<>();

  WarmUp(PipelineDefinition def, ComponentRegistry registry, BufferAllocator allocator, Map<String, Sink> sinks, String dlqName) {
    this.def = def;
    this.registry = registry;
    this.allocator = allocator;
    this.sinks = sinks;
    this.dlqName = dlqName;
  }

  /** Asks a running warm-up to stop after its current step. */
  void cancel() {
    cancelled = true;
  }

  /** The sinks are open: their warm-ups may run. */
  void sinksOpened() {
    opened.countDown();
  }

  /** Waits until the warm-up has ended, at most {@code max} and not once {@code stop} says so. */
  void awaitDone(java.time.Duration max, java.util.function.BooleanSupplier stop) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.await(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      if (stop.getAsBoolean()) return;
      if (System.nanoTime() > deadline) {
        log.warn("warm-up still running after {} s: the pipeline goes on without waiting for it", max.toSeconds());
        return;
      }
    }
  }

  /** Runs the warm-up; returns quietly when there is nothing to warm or something fails. */
  void run() {
    long start = System.nanoTime();
    try {
      int warmed = warm();
      if (warmed >= 0) log.info("warm-up done in {} ms ({} sinks)", (System.nanoTime() - start) / 1_000_000, warmed);
    } catch (Throwable t) {
      // a warm-up is an optimisation: the pipeline goes on without it
      if (!cancelled) log.warn("warm-up stopped: {}", t.toString());
      log.debug("warm-up stopped", t);
    } finally {
      try {
        allocator.close(); // its own: a leak here is logged, it does not fail the pipeline
      } catch (RuntimeException e) {
        log.warn("warm-up: {}", e.getMessage());
      }
      done.countDown();
    }
  }

  /** How many sinks were warmed, or -1 when the decoder cannot make samples. */
  private int warm() throws Exception {
    if (def.format() == null) return -1;
    Map<String, Batch> outputs = new LinkedHashMap<>();
    try (Decoder decoder = registry.createFormat(def.format()).newDecoder()) {
      List<RawMessage> samples = withPositions(decoder.sample(ROWS));
      if (samples.isEmpty()) {
        log.debug("warm-up skipped: the format has no declared schema to make sample rows from");
        return -1;
      }
      processSamples(decoder, samples, outputs);
      return warmSinks(outputs);
    } finally {
      for (Batch b : outputs.values()) b.release();
    }
  }

  /** Decodes and processes the samples {@link #ROUNDS} times; the last round's output per sink goes into {@code outputs}. */
  private void processSamples(Decoder decoder, List<RawMessage> samples, Map<String, Batch> outputs) throws Exception {
    List<Chain> branches = new ArrayList<>();
    Chain shared = chain(def.processing(), "");
    try {
      for (PipelineDefinition.SinkDefinition sd : def.sinks()) {
        branches.add(shared == null ? null : chain(sd.processing(), "sink:" + sd.name() + ":"));
      }
      for (int round = 0; round < ROUNDS && !cancelled; round++) {
        boolean last = round == ROUNDS - 1;
        letters.clear();
        Batch batch = decode(decoder, samples);
        if (shared == null) {
          batch.release();
          batch = null;
        } else {
          batch = shared.process(batch);
        }
        try {
          for (int i = 0; i < branches.size(); i++) {
            Batch out = batch == null || branches.get(i) == null ? null : branches.get(i).process(batch.retain());
            String name = def.sinks().get(i).name();
            if (last && out != null) outputs.put(name, out);
            else if (out != null) out.release();
          }
        } finally {
          if (batch != null) batch.release();
        }
      }
    } finally {
      if (shared != null) shared.close();
      for (Chain c : branches) if (c != null) c.close();
    }
  }

  /** Warms one sink of each kind with its output, then the dead-letter sink with the letters; how many were warmed. */
  private int warmSinks(Map<String, Batch> outputs) throws Exception {
    int warmed = 0;
    java.util.Set<Class<?>> warmedTypes = new java.util.HashSet<>();
    while (!cancelled && !opened.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      // the sinks are still opening
    }
    for (var e : outputs.entrySet()) {
      if (cancelled) break;
      Sink sink = sinks.get(e.getKey());
      // the code is what gets warm: a second sink of the same kind (Silver after Bronze) adds little
      if (e.getValue().rowCount() == 0 || !warmedTypes.add(sink.getClass())) continue;
      sink.warmUp(e.getValue());
      warmed++;
    }
    if (!cancelled && !letters.isEmpty()) {
      try (Batch dead = new Batch(DeadLetterBatches.toArrow(def.name(), letters, allocator), null, Checkpoint.empty())) {
        sinks.get(dlqName).warmUp(dead);
        warmed++;
      }
    }
    return warmed;
  }

  /** The samples as if a source had read them: positions in a partition of their own, timestamps, a key. */
  private static List<RawMessage> withPositions(List<RawMessage> samples) {
    List<RawMessage> out = new ArrayList<>(samples.size());
    long now = System.currentTimeMillis();
    for (int i = 0; i < samples.size(); i++) {
      RawMessage m = samples.get(i);
      out.add(new RawMessage(m.buffer(), m.offset(), m.length(), Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          m.headers(), now - samples.size() + i, Position.of(PARTITION, i + 1), m.formatContext()));
    }
    return out;
  }

  private Batch decode(Decoder decoder, List<RawMessage> messages) {
    DecodeResult r = decoder.decode(messages, allocator);
    for (DecodeResult.Rejected rej : r.rejects()) {
      RawMessage m = messages.get(rej.messageIndex());
      letters.add(new DeadLetter(rej.error(), "decode", Instant.now(), "warm-up", m.position(), m.bytes()));
    }
    List<Position> positions = new ArrayList<>();
    if (!messages.isEmpty()) positions.add(messages.get(messages.size() - 1).position());
    return new Batch(r.root(), new RowOrigins(messages, r.rowToMessage()), Checkpoint.of(positions));
  }

  /** Fresh processors for one chain, or null when one of them has side effects (the chain and its sink are not warmed). */
  private Chain chain(List<Config> configs, String prefix) throws Exception {
    Chain chain = new Chain();
    for (Config pc : configs) {
      Processor p = registry.processor(pc.type()).create(pc);
      if (!p.sideEffectFree()) {
        p.close();
        chain.close();
        log.debug("warm-up leaves out processor {} and what follows it: it may have side effects", pc.name());
        return null;
      }
      // rejects become the dead-letter sink's sample, as in the real pipeline
      ProcessorContext ctx = new LetterContext(def.name(), prefix + pc.name(), "warm-up", allocator, letters::add);
      p.open(ctx);
      chain.add(p, ctx);
    }
    return chain;
  }

  /** Processors run in order, each with its context. */
  private static final class Chain implements AutoCloseable {
    private final List<Processor> processors = new ArrayList<>();
    private final List<ProcessorContext> contexts = new ArrayList<>();

    void add(Processor p, ProcessorContext c) {
      processors.add(p);
      contexts.add(c);
    }

    /** Takes ownership of {@code batch}; returns what comes out, or null. */
    Batch process(Batch batch) throws Exception {
      for (int i = 0; i < processors.size() && batch != null; i++) batch = processors.get(i).process(batch, contexts.get(i));
      return batch;
    }

    @Override
    public void close() throws Exception {
      for (Processor p : processors) p.close();
    }
  }
}
