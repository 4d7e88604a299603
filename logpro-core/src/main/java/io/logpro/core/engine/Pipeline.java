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
import io.logpro.api.sink.SinkContext;
import io.logpro.api.sink.Transactional;
import io.logpro.api.source.Acknowledging;
import io.logpro.api.source.Lagging;
import io.logpro.api.source.PartitionCoordinator;
import io.logpro.api.source.Rebalancing;
import io.logpro.api.source.Seekable;
import io.logpro.api.source.Source;
import io.logpro.api.source.SourceChunk;
import io.logpro.core.ComponentRegistry;
import io.logpro.api.checkpoint.CheckpointStore;
import io.logpro.api.config.MapConfig;
import io.logpro.core.config.PipelineDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline: source → decoder → shared processors → per-sink processors → sinks, with a
 * dead-letter sink beside them. Stages are threads joined by {@link BoundedQueue}s (by batches
 * and bytes), so a slow sink blocks the source and memory stays flat. A position is
 * acknowledged to the source, and saved to the checkpoint store, only after every sink and the
 * dead-letter sink have committed the rows that carry it.
 *
 * <p>Exactly-once with transactional sinks: on start each sink says what it last committed; the
 * source seeks to the earliest of those, the reader cuts units exactly at each sink's committed
 * position, and each sink skips the units it already holds.
 */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  private static final String DLQ = "dlq";

  private final PipelineDefinition def;
  private final ComponentRegistry registry;
  private final PipelineStats stats = new PipelineStats();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicReference<Checkpoint> pendingAck = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile PipelineState state = PipelineState.INIT;
  private volatile boolean stopRequested;
  private StageObserver observer = StageObserver.NONE;
  /** The queues by name, for gauges (set once open). */
  private volatile Map<String, BoundedQueue<?>> queues = Map.of();
  private volatile Lagging lagging;

  private RootAllocator root;
  private BufferAllocator decodeAllocator;
  private Source source;
  private String sourceName;
  private Decoder decoder;
  private final List<ProcessorSlot> shared = new ArrayList<>();
  private final List<Branch> branches = new ArrayList<>();
  private BoundedQueue<Units.Unit> decodeQueue;
  private AckTracker acks;
  private CheckpointStore store;
  private Checkpoint start = Checkpoint.empty();
  private final Map<String, Set<Long>> cutPoints = new HashMap<>();
  private List<DeadLetter> currentLetters = new ArrayList<>();
  /** Counted down as each sink but the dead-letter one finishes: the dead-letter sink ends last. */
  private CountDownLatch sinksDone;
  private WarmUp warmUp;
  private static final Duration WARM_UP_WAIT = Duration.ofSeconds(20);
  private Thread warmUpThread;

  /** A processor with its context (its name is the stage in dead letters). */
  private record ProcessorSlot(Processor processor, ProcessorContext context) {}

  /** One sink, its own processors and its queue; the dead-letter sink is the last branch. */
  private static final class Branch {
    final String name;
    final Sink sink;
    final List<ProcessorSlot> processors = new ArrayList<>();
    final int index;
    BoundedQueue<Units.SinkWork> queue;
    volatile Checkpoint alreadyCommitted = Checkpoint.empty();
    /** Held while the sink writes or commits, so that the reader can ask it what it committed. */
    final Object lock = new Object();
    BufferAllocator allocator;
    /** Rows the sink refused since its last commit (sink thread only); dead-lettered before it commits. */
    List<DeadLetter> refused = new ArrayList<>();
    /** Partitions whose rows are all past what the sink held when they were (re)assigned (sink thread only). */
    final Set<String> caughtUp = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Branch(String name, Sink sink, int index) {
      this.name = name;
      this.sink = sink;
      this.index = index;
    }
  }

  public Pipeline(PipelineDefinition def, ComponentRegistry registry) {
    this.def = def;
    this.registry = registry;
  }

  /** The stages of a unit of work that are timed and traced. */
  public enum Stage { READ, DECODE, PROCESS, WRITE, COMMIT }

  /**
   * Told when a stage of a unit of work has finished (io.logpro.core.observe turns this into
   * timers and spans). Called on the stage's own thread once per batch, never per row: it must be
   * cheap and must not block. {@code sink} is null before the sinks; {@code seq} numbers the unit
   * (for COMMIT the last unit the commit covers, -1 when none); times are {@link System#nanoTime()}.
   */
  public interface StageObserver {
    StageObserver NONE = new StageObserver() {
      @Override
      public void finished(Stage stage, String sink, long seq, int rows, long startNanos, long endNanos) {}
    };

    void finished(Stage stage, String sink, long seq, int rows, long startNanos, long endNanos);

    /** The pipeline has opened its source and sinks (its source's capabilities are known now). */
    default void opened(Pipeline pipeline) {}
  }

  /** Sets who is told about each stage; call before {@link #run()}. */
  public void observe(StageObserver observer) {
    if (state != PipelineState.INIT) throw new IllegalStateException("observe() must be called before run()");
    this.observer = observer;
  }

  /** The source's lag, when the source knows it (set once the pipeline has opened). */
  public Optional<Lagging> lagging() {
    return Optional.ofNullable(lagging);
  }

  /** The names of the queues between stages: "decode", then "sink:<name>" per sink and "sink:dlq". */
  public List<String> queueNames() {
    List<String> names = new ArrayList<>();
    names.add("decode");
    for (PipelineDefinition.SinkDefinition sd : def.sinks()) names.add("sink:" + sd.name());
    names.add("sink:" + DLQ);
    return names;
  }

  /** Batches waiting in a queue (0 before the pipeline opens or for an unknown name). */
  public int queueBatches(String queue) {
    BoundedQueue<?> q = queues.get(queue);
    return q == null ? 0 : q.size();
  }

  /** Bytes waiting in a queue (0 before the pipeline opens or for an unknown name). */
  public long queueBytes(String queue) {
    BoundedQueue<?> q = queues.get(queue);
    return q == null ? 0 : q.bytes();
  }

  public PipelineState state() {
    return state;
  }

  public PipelineStats stats() {
    return stats;
  }

  public PipelineDefinition definition() {
    return def;
  }

  /** Asks the pipeline to stop reading, drain what is in flight, commit and end. Returns at once. */
  public void stop() {
    if (!stopRequested) {
      log.info("stop requested: draining pipeline {}", def.name());
      stopRequested = true;
      if (state == PipelineState.RUNNING) state = PipelineState.STOPPING;
    }
  }

  /** Opens everything, runs until the finite input ends, {@link #stop()} is called or a stage fails, and closes. */
  public PipelineResult run() {
    try {
      open();
      state = stopRequested ? PipelineState.STOPPING : PipelineState.RUNNING;
      log.info("pipeline {} running: source {}, sinks {}", def.name(), def.source().type(),
          branches.stream().map(b -> b.name).toList());
      startThreads();
      for (Thread t : threads) t.join();
      deliverAck();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    } catch (Throwable t) {
      fail(t);
    } finally {
      closeAll();
    }
    Throwable f = failure.get();
    state = f == null ? PipelineState.CLOSED : PipelineState.FAILED;
    return new PipelineResult(state, f, stats);
  }

  // ---------------------------------------------------------------- open

  private void open() throws Exception {
    sourceName = "source:" + def.source().type();
    root = new RootAllocator(def.engine().memoryLimit());
    decodeAllocator = root.newChildAllocator("decode", 0, Long.MAX_VALUE);
    int index = 0;
    for (PipelineDefinition.SinkDefinition sd : def.sinks()) {
      Branch b = new Branch(sd.name(), registry.sink(sd.config().type()).create(sd.config()), index++);
      for (Config pc : sd.processing()) b.processors.add(processor(pc, "sink:" + sd.name() + ":"));
      branches.add(b);
    }
    branches.add(new Branch(DLQ, registry.sink(def.dlq().type()).create(def.dlq()), index));
    if (def.engine().warmUp()) {
      // Started before the sinks and the source open, which takes about as long as decoding and
      // processing the samples; it calls the sinks' warm-ups once they are open.
      Map<String, Sink> sinks = new java.util.LinkedHashMap<>();
      for (Branch b : branches) sinks.put(b.name, b.sink);
      warmUp = new WarmUp(def, registry, root.newChildAllocator("warm-up", 0, Long.MAX_VALUE), sinks, DLQ);
      // not one of the pipeline's threads: the pipeline does not fail with it
      warmUpThread = Thread.ofPlatform().name("logpro-warm-up").daemon().start(warmUp::run);
    }
    for (Config pc : def.processing()) shared.add(processor(pc, ""));

    store = checkpointStore();
    Checkpoint stored = store.load();
    Checkpoint seek = null;
    for (Branch b : branches) {
      b.allocator = root.newChildAllocator("sink:" + b.name, 0, Long.MAX_VALUE);
      b.sink.open(new RefusalContext(b));
      b.alreadyCommitted = b.sink instanceof Transactional t ? t.committed() : stored;
      seek = seek == null ? b.alreadyCommitted : seek.meet(b.alreadyCommitted);
      b.queue = new BoundedQueue<>(def.engine().queueBatches(), def.engine().queueBytes());
      log.info("sink {} ({}) has committed {}", b.name, b.sink.getClass().getSimpleName(), b.alreadyCommitted);
    }
    start = seek == null ? Checkpoint.empty() : seek;
    for (Branch b : branches) {
      for (Position p : b.alreadyCommitted.positions().values()) {
        if (!start.covers(p) || start.get(p.partition()).sequence() != p.sequence()) {
          cutPoints.computeIfAbsent(p.partition(), k -> new HashSet<>()).add(p.sequence());
        }
      }
    }
    if (warmUp != null) warmUp.sinksOpened();
    acks = new AckTracker(branches.size());
    sinksDone = new CountDownLatch(branches.size() - 1);
    decodeQueue = new BoundedQueue<>(def.engine().queueBatches(), def.engine().queueBytes());

    source = registry.source(def.source().type()).create(def.source());
    source.open(new ComponentContext(def.name(), "source", root.newChildAllocator("source", 0, Long.MAX_VALUE)));
    if (source instanceof Seekable s) {
      if (!start.isEmpty()) log.info("resuming source at {}", start);
      s.seek(start);
    } else if (!start.isEmpty()) {
      log.warn("source {} cannot seek: it restarts where it stands, rows may be delivered again", def.source().type());
    }
    if (source instanceof Rebalancing r) r.bind(new Coordinator());
    stats.resumedAt(start);
    Map<String, BoundedQueue<?>> byName = new HashMap<>();
    byName.put("decode", decodeQueue);
    for (Branch b : branches) byName.put("sink:" + b.name, b.queue);
    queues = Map.copyOf(byName);
    lagging = source instanceof Lagging l ? l : null;
    state = PipelineState.OPEN;
    observer.opened(this);
  }

  /** The store of {@code reliability.checkpoint_store}, a file in the state folder by default. */
  private CheckpointStore checkpointStore() {
    Config c = def.reliability().checkpointStore();
    if (c == null) {
      c = new MapConfig("file", "checkpoint_store", registry.spec(ComponentRegistry.CHECKPOINT_STORE, "file").orElseThrow(), Map.of());
    }
    return registry.checkpointStore(c.type()).create(c, def.name(), def.reliability().stateDir());
  }

  /** Partition assignment for sources whose partitions move (called on the reader thread, inside a read). */
  private final class Coordinator implements PartitionCoordinator {
    @Override
    public Checkpoint assigned(Collection<String> partitions) throws Exception {
      Checkpoint stored = store.load();
      Checkpoint resume = null;
      for (Branch b : branches) {
        Checkpoint fresh;
        synchronized (b.lock) {
          fresh = b.sink instanceof Transactional t ? t.committed() : stored;
        }
        b.alreadyCommitted = b.alreadyCommitted.merge(fresh);
        b.caughtUp.removeAll(partitions);
        resume = resume == null ? fresh : resume.meet(fresh);
      }
      List<Position> out = new ArrayList<>();
      for (String partition : partitions) {
        Position p = resume == null ? null : resume.get(partition);
        if (p != null) out.add(p);
        cutPoints.remove(partition);
        for (Branch b : branches) {
          Position held = b.alreadyCommitted.get(partition);
          if (held != null && (p == null || held.sequence() != p.sequence())) {
            cutPoints.computeIfAbsent(partition, k -> new HashSet<>()).add(held.sequence());
          }
        }
      }
      Checkpoint result = Checkpoint.of(out);
      log.info("partitions assigned {}: resuming at {}", partitions, result);
      return result;
    }

    @Override
    public void flushAndCommit() throws Exception {
      flushPending();
      CountDownLatch latch = new CountDownLatch(branches.size());
      emit(new Units.Barrier(latch), 0);
      while (!latch.await(100, TimeUnit.MILLISECONDS)) {
        if (failure.get() != null) throw new IllegalStateException("pipeline failed while flushing for a rebalance");
      }
    }
  }

  private ProcessorSlot processor(Config pc, String prefix) throws Exception {
    Processor p = registry.processor(pc.type()).create(pc);
    // dead letters of processors go to the letters of the unit being processed (decode thread only)
    ProcessorContext ctx = new LetterContext(def.name(), prefix + pc.name(), sourceName, decodeAllocator, letter -> {
      stats.failedProcessor.incrementAndGet();
      currentLetters.add(letter);
    });
    p.open(ctx);
    return new ProcessorSlot(p, ctx);
  }

  /** A sink's context: rows it refuses are kept and dead-lettered before its next commit (sink thread only). */
  private final class RefusalContext implements SinkContext {
    private final Branch branch;
    private final String stage;

    RefusalContext(Branch branch) {
      this.branch = branch;
      this.stage = "sink:" + branch.name;
    }

    @Override
    public String pipelineName() {
      return def.name();
    }

    @Override
    public String componentName() {
      return branch.name;
    }

    @Override
    public BufferAllocator allocator() {
      return branch.allocator;
    }

    @Override
    public void reject(Batch batch, int row, String error) {
      if (branch.name.equals(DLQ)) throw new IllegalStateException("the dead-letter sink refused a row: " + error);
      branch.refused.add(LetterContext.letterFor(batch, row, error, stage, sourceName));
    }
  }

  // ---------------------------------------------------------------- threads

  private void startThreads() {
    threads.add(Thread.ofVirtual().name("logpro-reader").unstarted(guard(this::readLoop)));
    threads.add(Thread.ofPlatform().name("logpro-decode").unstarted(guard(this::decodeLoop)));
    for (Branch b : branches) {
      Body loop = () -> {
        try {
          sinkLoop(b);
        } finally {
          if (!b.name.equals(DLQ)) sinksDone.countDown();
        }
      };
      threads.add(Thread.ofPlatform().name("logpro-sink-" + b.name).unstarted(guard(loop)));
    }
    threads.forEach(Thread::start);
  }

  private interface Body {
    void run() throws Exception;
  }

  private Runnable guard(Body body) {
    return () -> {
      try {
        body.run();
      } catch (InterruptedException e) {
        if (failure.get() == null) fail(e);
      } catch (Throwable t) {
        fail(t);
      }
    };
  }

  private void fail(Throwable t) {
    if (failure.compareAndSet(null, t)) {
      log.error("pipeline {} failed: {}", def.name(), t.toString(), t);
      stopRequested = true;
      state = PipelineState.FAILED;
      for (Thread th : threads) if (th != Thread.currentThread()) th.interrupt();
    }
  }

  // ---------------------------------------------------------------- reader

  private long nextSeq;
  /** Records read but not yet sent on (a field: a rebalance inside {@code read} flushes them). */
  private List<RawMessage> pending = new ArrayList<>();
  /** When the read that brought the first record of the next unit started (for its READ stage). */
  private long pendingSince;

  /** Bytes of {@link #pending}, counted as {@link #flushPending()} counts them for the queue. */
  private long pendingBytes;

  /**
   * Most bytes in one unit: a queue of {@code queue_batches} full units then stays within
   * {@code queue_bytes}, and a unit's values fit the one array they are packed into.
   */
  private long unitBytes() {
    return Math.max(1, Math.min(def.engine().queueBytes() / Math.max(1, def.engine().queueBatches()), 1L << 30));
  }

  private void readLoop() throws Exception {
    int batchRows = def.engine().batchRows();
    long maxUnitBytes = unitBytes();
    long lingerNanos = def.engine().linger().toNanos();
    long firstAt = 0;
    boolean finite = false;
    if (warmUp != null) {
      // The source starts reading (and a consumer joins its group) once the code is warm: real
      // rows would otherwise compete for the CPU with the warm-up while both run cold code.
      // Bounded, as a warm-up is only an optimisation.
      warmUp.awaitDone(WARM_UP_WAIT, () -> stopRequested);
    }
    while (!stopRequested) {
      deliverAck();
      long waitNanos = pending.isEmpty() ? lingerNanos : Math.max(0, firstAt + lingerNanos - System.nanoTime());
      long readAt = System.nanoTime();
      SourceChunk chunk = source.read(batchRows - pending.size(), Duration.ofNanos(Math.max(waitNanos, 1_000_000)));
      switch (chunk) {
        case SourceChunk.Messages m -> {
          for (RawMessage msg : m.messages()) {
            if (pending.isEmpty()) {
              firstAt = System.nanoTime();
              pendingSince = readAt;
            }
            pending.add(msg);
            pendingBytes += messageBytes(msg);
            stats.recordsRead.incrementAndGet();
            stats.bytesRead.addAndGet(msg.length());
            if (pending.size() >= batchRows || pendingBytes >= maxUnitBytes || isCut(msg.position())) flushPending();
          }
        }
        case SourceChunk.Columnar c -> {
          flushPending();
          pendingSince = readAt;
          emitColumnar(c.root(), c.rowPositions());
        }
        case SourceChunk.Unreadable u -> {
          flushPending();
          stats.recordsRead.incrementAndGet();
          emit(new Units.Unreadable(nextSeq++, u.letter(), Checkpoint.of(u.position())), 0);
        }
        case SourceChunk.Idle i -> {}
        case SourceChunk.End e -> finite = true;
      }
      if (finite) break;
      if (!pending.isEmpty() && System.nanoTime() - firstAt >= lingerNanos) flushPending();
    }
    flushPending();
    if (finite) log.info("source {} has no more input", def.source().type());
    if (stopRequested && failure.get() == null) state = PipelineState.DRAINING;
    decodeQueue.put(new Units.End(), 0);
  }

  /** A message's bytes with its key and a rough allowance for its arrays and objects. */
  private static long messageBytes(RawMessage m) {
    return m.length() + (m.key() == null ? 0 : m.key().length) + 64;
  }

  private boolean isCut(Position p) {
    if (cutPoints.isEmpty() || p == null) return false;
    Set<Long> s = cutPoints.get(p.partition());
    return s != null && s.contains(p.sequence());
  }

  private void flushPending() throws InterruptedException {
    if (pending.isEmpty()) return;
    List<Position> positions = new ArrayList<>(2);
    long bytes = pendingBytes;
    for (RawMessage m : pending) {
      if (m.position() != null) positions.add(m.position());
    }
    long seq = nextSeq++;
    PackedMessages packed = PackedMessages.pack(pending);
    pending.clear();
    pendingBytes = 0;
    observer.finished(Stage.READ, null, seq, packed.size(), pendingSince, System.nanoTime());
    emit(new Units.Messages(seq, packed, Checkpoint.of(positions)), bytes);
  }

  /** Emits a columnar chunk, cut where a sink's committed position falls inside it. */
  private void emitColumnar(VectorSchemaRoot rootIn, Position[] rowPositions) throws InterruptedException {
    int rows = rootIn.getRowCount();
    stats.recordsRead.addAndGet(rows);
    int from = 0;
    for (int i = 0; i < rows; i++) {
      if (i < rows - 1 && isCut(rowPositions[i])) {
        emitSlice(rootIn, rowPositions, from, i + 1);
        from = i + 1;
      }
    }
    if (from == 0) {
      long seq = nextSeq++;
      observer.finished(Stage.READ, null, seq, rows, pendingSince, System.nanoTime());
      emit(new Units.Columnar(seq, rootIn, rowPositions, Checkpoint.of(rowPositions)), sizeOf(rootIn));
    } else {
      emitSlice(rootIn, rowPositions, from, rows);
      rootIn.close();
    }
  }

  private void emitSlice(VectorSchemaRoot rootIn, Position[] rowPositions, int from, int to) throws InterruptedException {
    VectorSchemaRoot slice = rootIn.slice(from, to - from);
    Position[] pos = java.util.Arrays.copyOfRange(rowPositions, from, to);
    long seq = nextSeq++;
    observer.finished(Stage.READ, null, seq, to - from, pendingSince, System.nanoTime());
    emit(new Units.Columnar(seq, slice, pos, Checkpoint.of(pos)), sizeOf(slice));
  }

  private static long sizeOf(VectorSchemaRoot r) {
    long total = 0;
    for (var v : r.getFieldVectors()) total += v.getBufferSize();
    return total;
  }

  private void emit(Units.Unit unit, long bytes) throws InterruptedException {
    decodeQueue.put(unit, bytes);
  }

  /** Hands committed positions to the source (from the reader's thread: sources are single-threaded). */
  private void deliverAck() throws Exception {
    Checkpoint cp = pendingAck.getAndSet(null);
    if (cp != null && source instanceof Acknowledging a) a.acknowledge(cp);
  }

  // ---------------------------------------------------------------- decode and process

  private void decodeLoop() throws Exception {
    Checkpoint cumulative = start;
    boolean hasProcessors = !shared.isEmpty();
    for (Branch b : branches) hasProcessors |= !b.processors.isEmpty();
    while (true) {
      Units.Unit unit = decodeQueue.take();
      if (unit instanceof Units.End) {
        for (Branch b : branches) if (!b.name.equals(DLQ)) b.queue.put(Units.SinkWork.endOfInput(), 0);
        sinksDone.await(); // the sinks' last commits may still dead-letter refused rows
        branches.get(branches.size() - 1).queue.put(Units.SinkWork.endOfInput(), 0);
        return;
      }
      if (unit instanceof Units.Barrier barrier) {
        for (Branch b : branches) b.queue.put(Units.SinkWork.barrier(barrier.latch()), 0);
        continue;
      }
      currentLetters = new ArrayList<>();
      long seq;
      Checkpoint positions;
      Batch batch = null;
      switch (unit) {
        case Units.Messages m -> {
          seq = m.seq();
          positions = m.positions();
          long decodeStart = System.nanoTime();
          batch = decode(m);
          observer.finished(Stage.DECODE, null, seq, batch.rowCount(), decodeStart, System.nanoTime());
        }
        case Units.Columnar c -> {
          seq = c.seq();
          positions = c.positions();
          List<RawMessage> origins = new ArrayList<>(c.rowPositions().length);
          for (Position p : c.rowPositions()) origins.add(new RawMessage(EMPTY, 0, 0, null, null, RawMessage.NO_TIMESTAMP, p, null));
          batch = new Batch(c.root(), RowOrigins.identity(origins), positions);
        }
        case Units.Unreadable u -> {
          seq = u.seq();
          positions = u.positions();
          stats.failedRead.incrementAndGet();
          currentLetters.add(u.letter());
        }
        case Units.End e -> throw new IllegalStateException();
        case Units.Barrier e -> throw new IllegalStateException();
      }
      int rowsIn = batch == null ? 0 : batch.rowCount();
      if (batch != null) stats.rowsDecoded.addAndGet(rowsIn);
      long processStart = System.nanoTime();
      for (ProcessorSlot p : shared) {
        if (batch == null) break;
        batch = p.processor().process(batch, p.context()); // a processor releases its input, also when it throws
      }
      long processNanos = System.nanoTime() - processStart; // processing only: not the waits on full sink queues
      cumulative = cumulative.merge(positions);
      acks.register(seq, cumulative);
      stats.registered(cumulative);
      try {
        for (Branch b : branches) {
          if (b.name.equals(DLQ)) continue;
          Batch out = batch == null ? null : batch.retain();
          long branchStart = System.nanoTime();
          for (ProcessorSlot p : b.processors) {
            if (out == null) break;
            out = p.processor().process(out, p.context()); // a processor releases its input, also when it throws
          }
          processNanos += System.nanoTime() - branchStart;
          b.queue.put(new Units.SinkWork(seq, out, positions, cumulative), out == null ? 0 : out.sizeInBytes());
        }
      } finally {
        if (batch != null) batch.release();
      }
      if (hasProcessors && rowsIn > 0) observer.finished(Stage.PROCESS, null, seq, rowsIn, processStart, processStart + processNanos);
      Branch dlq = branches.get(branches.size() - 1);
      Batch letters = null;
      if (!currentLetters.isEmpty()) {
        stats.deadLetters.addAndGet(currentLetters.size());
        letters = new Batch(DeadLetterBatches.toArrow(def.name(), currentLetters, decodeAllocator), null, positions);
      }
      dlq.queue.put(new Units.SinkWork(seq, letters, positions, cumulative), letters == null ? 0 : letters.sizeInBytes());
    }
  }

  private static final byte[] EMPTY = new byte[0];

  private Batch decode(Units.Messages m) {
    if (decoder == null) {
      Config format = def.format();
      decoder = format != null ? registry.createFormat(format).newDecoder()
          : registry.createFormat(new io.logpro.api.config.MapConfig("json", "format", null, Map.of())).newDecoder();
    }
    DecodeResult r = decoder.decode(m.messages(), decodeAllocator);
    if (!r.rejects().isEmpty()) stats.failedDecode.addAndGet(r.rejects().size());
    for (DecodeResult.Rejected rej : r.rejects()) {
      RawMessage msg = m.messages().get(rej.messageIndex());
      currentLetters.add(new DeadLetter(rej.error(), "decode", Instant.now(), sourceName, msg.position(), msg.bytes()));
    }
    return new Batch(r.root(), new RowOrigins(m.messages(), r.rowToMessage()), m.positions());
  }

  // ---------------------------------------------------------------- sinks

  private void sinkLoop(Branch b) throws Exception {
    long intervalNanos = def.reliability().commitInterval().toNanos();
    long lastCommit = System.nanoTime();
    long lastSeq = -1;
    Checkpoint lastCumulative = null;
    boolean dirty = false;
    var written = stats.rowsWritten(b.name);
    while (true) {
      long waitMs = Math.max(1, (lastCommit + intervalNanos - System.nanoTime()) / 1_000_000);
      Units.SinkWork w = b.queue.poll(waitMs);
      if (w != null && w.end()) {
        if (dirty) commit(b, lastSeq, lastCumulative);
        return;
      }
      if (w != null && w.barrier() != null) {
        if (dirty) commit(b, lastSeq, lastCumulative);
        dirty = false;
        lastCommit = System.nanoTime();
        w.barrier().countDown();
        continue;
      }
      if (w != null) {
        Batch batch = w.batch();
        try {
          if (batch != null && batch.rowCount() > 0) {
            if (!w.unitPositions().isEmpty() && b.alreadyCommitted.covers(w.unitPositions())) {
              stats.rowsSkipped(b.name).addAndGet(batch.rowCount());
            } else {
              Batch toWrite = uncoveredRows(b, batch, w.unitPositions());
              try {
                if (toWrite != batch) stats.rowsSkipped(b.name).addAndGet(batch.rowCount() - toWrite.rowCount());
                long writeStart = System.nanoTime();
                if (toWrite.rowCount() > 0) {
                  synchronized (b.lock) {
                    b.sink.write(toWrite);
                  }
                }
                observer.finished(Stage.WRITE, b.name, w.seq(), toWrite.rowCount(), writeStart, System.nanoTime());
                written.addAndGet(toWrite.rowCount());
              } finally {
                if (toWrite != batch) toWrite.release();
              }
            }
          }
        } finally {
          if (batch != null) batch.release();
        }
        if (w.seq() >= 0) { // a sink's refused rows (seq -1) carry no positions of their own
          lastSeq = w.seq();
          lastCumulative = w.cumulative();
        }
        dirty = true;
      }
      if (dirty && (System.nanoTime() - lastCommit >= intervalNanos || b.sink.wantsCommit())) {
        commit(b, lastSeq, lastCumulative);
        dirty = false;
        lastCommit = System.nanoTime();
      }
    }
  }

  /**
   * The rows of {@code batch} this sink does not hold yet. A unit can mix partitions the sink has
   * committed further than the resume point (the source resumed at the earliest of all sinks) with
   * partitions it has not, so skipping whole units is not enough: rows at or before the sink's
   * committed position of their partition are dropped one by one. Only units of partitions not yet
   * caught up are looked at row by row; returns {@code batch} itself when every row is new.
   */
  private Batch uncoveredRows(Branch b, Batch batch, Checkpoint unitPositions) {
    if (batch.origins() == null) return batch;
    boolean look = false;
    for (Position last : unitPositions.positions().values()) {
      if (b.alreadyCommitted.get(last.partition()) != null && !b.caughtUp.contains(last.partition())) look = true;
    }
    if (!look) return batch;
    int rows = batch.rowCount();
    int[] keep = new int[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      RawMessage m = batch.origins().message(r);
      if (m == null || m.position() == null || !b.alreadyCommitted.covers(m.position())) keep[n++] = r;
    }
    // every row of these partitions after this unit is new: units come in position order
    for (Position last : unitPositions.positions().values()) {
      if (b.alreadyCommitted.covers(last)) continue;
      b.caughtUp.add(last.partition());
    }
    if (n == rows) return batch;
    VectorSchemaRoot in = batch.root();
    VectorSchemaRoot out = VectorSchemaRoot.create(in.getSchema(), b.allocator);
    try {
      out.allocateNew();
      for (int c = 0; c < in.getFieldVectors().size(); c++) {
        var src = in.getVector(c);
        var dst = out.getVector(c);
        for (int i = 0; i < n; i++) dst.copyFromSafe(keep[i], i, src);
        dst.setValueCount(n);
      }
      out.setRowCount(n);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return batch.derive(out, batch.origins().select(keep, n));
  }

  private void commit(Branch b, long seq, Checkpoint cumulative) throws Exception {
    deadLetterRefused(b); // rows refused while writing are durable before the sink commits past them
    long commitStart = System.nanoTime();
    synchronized (b.lock) {
      b.sink.commit(cumulative == null ? b.alreadyCommitted : b.alreadyCommitted.merge(cumulative));
    }
    observer.finished(Stage.COMMIT, b.name, seq, 0, commitStart, System.nanoTime());
    deadLetterRefused(b); // and those refused while committing, before their positions are acknowledged
    stats.committed(b.name);
    if (seq < 0) return;
    synchronized (acks) { // saves in order: a later checkpoint never gets overwritten by an earlier one
      Checkpoint all = acks.committed(b.index, seq);
      if (all != null) {
        store.save(all);
        pendingAck.accumulateAndGet(all, (prev, next) -> prev == null ? next : prev.merge(next));
        stats.acknowledged(all);
      }
    }
  }

  /** Hands a sink's refused rows to the dead-letter sink and waits until it has committed them. */
  private void deadLetterRefused(Branch b) throws Exception {
    if (b.refused.isEmpty()) return;
    List<DeadLetter> letters = b.refused;
    b.refused = new ArrayList<>();
    stats.failedSink.addAndGet(letters.size());
    stats.deadLetters.addAndGet(letters.size());
    Branch dlq = branches.get(branches.size() - 1);
    Batch batch = new Batch(DeadLetterBatches.toArrow(def.name(), letters, b.allocator), null, Checkpoint.empty());
    dlq.queue.put(new Units.SinkWork(-1, batch, Checkpoint.empty(), null), batch.sizeInBytes());
    CountDownLatch latch = new CountDownLatch(1);
    dlq.queue.put(Units.SinkWork.barrier(latch), 0);
    while (!latch.await(100, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) throw new IllegalStateException("pipeline failed while dead-lettering rows refused by sink " + b.name);
    }
  }

  // ---------------------------------------------------------------- close

  private void closeAll() {
    if (warmUp != null) warmUp.cancel();
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (warmUpThread != null) {
      try {
        warmUpThread.join(30_000); // its sinks' warm-ups use their factories' code: before the sinks close
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (decodeQueue != null) {
      for (Units.Unit u : decodeQueue.drain()) if (u instanceof Units.Columnar c) c.root().close();
    }
    for (Branch b : branches) {
      if (b.queue != null) for (Units.SinkWork w : b.queue.drain()) if (w.batch() != null) w.batch().release();
    }
    for (ProcessorSlot p : shared) quietly(p.processor()::close, "processor");
    for (Branch b : branches) for (ProcessorSlot p : b.processors) quietly(p.processor()::close, "processor");
    if (decoder != null) quietly(decoder::close, "decoder");
    if (source != null) quietly(source::close, "source");
    if (store != null) quietly(store::close, "checkpoint store");
    for (Branch b : branches) quietly(b.sink::close, "sink " + b.name);
    if (root != null) {
      for (BufferAllocator child : new ArrayList<>(root.getChildAllocators())) quietly(child::close, "allocator " + child.getName());
      quietly(root::close, "allocator");
    }
  }

  private void quietly(AutoCloseable c, String what) {
    try {
      c.close();
    } catch (Exception e) {
      if (failure.get() == null) fail(new IllegalStateException("closing " + what + " failed: " + e.getMessage(), e));
      else log.warn("closing {} after a failure: {}", what, e.toString());
    }
  }
}
