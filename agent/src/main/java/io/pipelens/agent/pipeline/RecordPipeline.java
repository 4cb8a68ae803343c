package io.pipelens.agent.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.internal.RateLimitedLog;
import io.pipelens.agent.process.RecordEmitter;
import io.pipelens.agent.source.Checkpoints;
import io.pipelens.agent.source.SourceFile;
import io.pipelens.core.record.LogRecord;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between processing and the outputs: batches records, sends every batch to every output in read
 * order, and moves the files' checkpoints once all outputs acknowledged.
 *
 * <p>Threads: readers call {@link #emit} (blocking while the {@link MemoryBudget} is spent); one
 * dispatcher thread, {@code pipelens-agent-dispatch}, hands sealed batches to the outputs in order
 * (blocking while an output's queue is full); one timer thread, {@code pipelens-agent-flush}, seals
 * a batch that waited {@code flush_interval}. Acknowledgements arrive on the outputs' threads.
 * Both threads report to {@link Liveness} as {@value #DISPATCH_WORKER} and {@value #FLUSH_WORKER}
 * when an unexpected error ends them.
 *
 * <p>Metrics: {@code pipelens_agent_pipeline_memory_used_bytes} and {@code
 * pipelens_agent_pipeline_memory_limit_bytes} (gauges), {@code
 * pipelens_agent_pipeline_backpressure_seconds_total} (time readers waited for memory), {@code
 * pipelens_agent_pipeline_batches_total}, {@code pipelens_agent_pipeline_batches_in_flight}
 * (gauge), {@code pipelens_agent_pipeline_acknowledged_records_total} and {@code
 * pipelens_agent_pipeline_unacknowledged_batches_total} (batches an output gave up on at
 * shutdown; their records are read again after the restart), and with {@code when_full:
 * drop_newest} {@code pipelens_agent_pipeline_dropped_records_total} and {@code
 * pipelens_agent_pipeline_dropped_bytes_total}.
 *
 * <p>{@code when_full: drop_newest}: a record that finds the budget spent for longer than {@code
 * block_timeout} is dropped. It is not sent, but its end offset goes into the batch being filled
 * like a sent record's, so the file's checkpoint moves past it once every earlier record of the
 * file is acknowledged; a batch holding only dropped records is acknowledged without being sent.
 */
public final class RecordPipeline implements RecordEmitter, Service {

  /** The dispatcher thread in {@link Liveness}. */
  public static final String DISPATCH_WORKER = "agent.pipeline.dispatch";
  /** The flush timer thread in {@link Liveness}. */
  public static final String FLUSH_WORKER = "agent.pipeline.flush";

  private static final Logger log = LoggerFactory.getLogger(RecordPipeline.class);

  private final PipelineConfig config;
  private final List<Output> outputs;
  private final MemoryBudget budget;
  private final AckTracker tracker;
  private final Object lock = new Object();
  private final BlockingQueue<PendingBatch> sealed = new LinkedBlockingQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  // Sealed and not yet handed to the outputs, counted until dispatch() has counted them in flight:
  // the queue alone looks empty while the dispatcher holds a batch it took but has not sent.
  private final AtomicInteger undispatched = new AtomicInteger();
  private final Counter batches;
  private final Counter acknowledgedRecords;
  private final Counter unacknowledgedBatches;
  private final Counter droppedRecords;
  private final Counter droppedBytes;
  private final RateLimitedLog dropLog = new RateLimitedLog(log, 10);
  private final Thread dispatcher;
  private final Thread flusher;

  // Guarded by lock.
  private PendingBatch current;
  private long currentStartedNanos;
  private long nextSequence;
  private boolean flusherIdle; // waiting without a deadline for a batch to begin
  private volatile boolean stopping;

  /** A pipeline whose threads report their death to a {@link Liveness} of their own; for tests and embedding. */
  public RecordPipeline(PipelineConfig config, List<Output> outputs, Checkpoints checkpoints, MeterRegistry registry) {
    this(config, outputs, checkpoints, registry, new Liveness());
  }

  /** A pipeline whose threads report to {@code liveness} when they stop for good. */
  public RecordPipeline(PipelineConfig config, List<Output> outputs, Checkpoints checkpoints, MeterRegistry registry,
      Liveness liveness) {
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("the agent needs at least one output");
    }
    this.config = config;
    this.outputs = List.copyOf(outputs);
    this.budget = new MemoryBudget(config.memoryBudget().bytes());
    this.tracker = new AckTracker(checkpoints);
    this.current = new PendingBatch(nextSequence++);
    Gauge.builder("pipelens.agent.pipeline.memory.used", budget, MemoryBudget::used).baseUnit("bytes")
        .description("Bytes of records read but not yet acknowledged by every output").register(registry);
    Gauge.builder("pipelens.agent.pipeline.memory.limit", budget, MemoryBudget::limit).baseUnit("bytes")
        .description("The pipeline's memory budget (pipeline.memory_budget)").register(registry);
    FunctionCounter.builder("pipelens.agent.pipeline.backpressure", budget, MemoryBudget::blockedSeconds)
        .baseUnit("seconds").description("Time readers waited because the memory budget was spent")
        .register(registry);
    Gauge.builder("pipelens.agent.pipeline.batches.in.flight", inFlight, AtomicInteger::get)
        .description("Batches sent and not yet acknowledged by every output").register(registry);
    this.batches = Counter.builder("pipelens.agent.pipeline.batches").description("Batches sealed").register(registry);
    this.acknowledgedRecords = Counter.builder("pipelens.agent.pipeline.acknowledged.records")
        .description("Records acknowledged by every output").register(registry);
    this.unacknowledgedBatches = Counter.builder("pipelens.agent.pipeline.unacknowledged.batches")
        .description("Batches an output gave up on; their records are read again after a restart")
        .register(registry);
    this.droppedRecords = Counter.builder("pipelens.agent.pipeline.dropped.records")
        .description("Records dropped because the memory budget stayed spent (pipeline.when_full: drop_newest)")
        .register(registry);
    this.droppedBytes = Counter.builder("pipelens.agent.pipeline.dropped").baseUnit("bytes")
        .description("Bytes of records dropped because the memory budget stayed spent (pipeline.when_full: drop_newest)")
        .register(registry);
    this.dispatcher = new Thread(liveness.watch(DISPATCH_WORKER, this::dispatchLoop), "pipelens-agent-dispatch");
    this.dispatcher.setDaemon(true);
    this.flusher = new Thread(liveness.watch(FLUSH_WORKER, this::flushLoop), "pipelens-agent-flush");
    this.flusher.setDaemon(true);
  }

  @Override
  public String name() {
    return "agent-pipeline";
  }

  @Override
  public void start() {
    dispatcher.start();
    flusher.start();
  }

  @Override
  public void emit(SourceFile file, LogRecord record, long endOffset, long bytes) throws InterruptedException {
    if (config.whenFull() == PipelineConfig.WhenFull.DROP_NEWEST) {
      if (!budget.tryAcquire(bytes, config.blockTimeout().toNanos())) {
        drop(file, endOffset, bytes);
        return;
      }
    } else {
      budget.acquire(bytes);
    }
    synchronized (lock) {
      if (current.isEmpty()) {
        begin();
      }
      current.add(file, record, endOffset, bytes);
      if (current.size() >= config.batchMaxRecords() || current.bytes() >= config.batchMaxSize().bytes()) {
        sealLocked();
      }
    }
  }

  private void drop(SourceFile file, long endOffset, long bytes) {
    droppedRecords.increment();
    droppedBytes.increment(bytes);
    dropLog.warn("the memory budget (" + config.memoryBudget() + ") has been spent for longer than "
        + config.blockTimeout() + ": dropping new records (pipeline.when_full: drop_newest), such as one of "
        + file.path(), null);
    synchronized (lock) {
      if (current.isEmpty()) {
        begin();
      }
      current.skip(file, endOffset);
    }
  }

  /** Seals the batch being filled, if any, and queues it for the outputs. */
  void seal() {
    synchronized (lock) {
      sealLocked();
    }
  }

  private void sealLocked() {
    if (current.isEmpty()) {
      return;
    }
    PendingBatch batch = current;
    // Sized as the last one: a busy reader fills batches to batch_max_records, and its list then
    // never grows (a list grown from ten to 4,096 copies its array fifteen times).
    current = new PendingBatch(nextSequence++, batch.size());
    // Tracked before it can be acknowledged, and in seal order, which is read order.
    tracker.track(batch);
    batches.increment();
    undispatched.incrementAndGet();
    sealed.add(batch);
  }

  // A batch begins: its flush deadline starts, and the flusher, if it waits for a batch, wakes.
  private void begin() {
    currentStartedNanos = System.nanoTime();
    if (flusherIdle) {
      flusherIdle = false;
      lock.notifyAll();
    }
  }

  // Wakes at the deadline of the batch being filled, or when one begins after none was: not on a
  // fixed tick, so an idle agent has no timer to serve and a busy one about one wake a batch.
  private void flushLoop() {
    long intervalNanos = config.flushInterval().toNanos();
    try {
      synchronized (lock) {
        while (!stopping) {
          if (current.isEmpty()) {
            flusherIdle = true;
            lock.wait();
            continue;
          }
          long left = currentStartedNanos + intervalNanos - System.nanoTime();
          if (left > 0) {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
          } else {
            sealLocked();
          }
        }
      }
    } catch (InterruptedException e) {
      // stop() interrupts: nothing is left to flush that stop() has not sealed
    }
  }

  private void dispatchLoop() {
    try {
      while (true) {
        PendingBatch batch = sealed.take();
        try {
          dispatch(batch);
        } finally {
          undispatched.decrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      // stop() interrupts once everything is dispatched or the deadline passed
    }
  }

  private void dispatch(PendingBatch batch) throws InterruptedException {
    if (batch.size() == 0) {
      // Only dropped records: nothing to send, but the checkpoint may move past them, in order.
      tracker.acknowledged(batch);
      return;
    }
    inFlight.incrementAndGet();
    List<CompletableFuture<Void>> stages = new ArrayList<>(outputs.size());
    var records = batch.takeRecords();
    for (Output output : outputs) {
      stages.add(output.send(records).toCompletableFuture());
    }
    CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
      try {
        if (failure == null) {
          tracker.acknowledged(batch);
          acknowledgedRecords.increment(batch.size());
        } else {
          // Only a stopping output gives up; the checkpoint did not move, so nothing is lost.
          unacknowledgedBatches.increment();
          log.warn("batch {} ({} records) was not acknowledged: {}; its records will be read again after a restart",
              batch.sequence(), batch.size(), failure.getMessage());
        }
      } finally {
        budget.release(batch.bytes());
        inFlight.decrementAndGet();
      }
    });
  }

  /**
   * Sends what is left and waits until every batch is acknowledged or the deadline passes. The
   * readers must be stopped first, so nothing new arrives.
   */
  @Override
  public void stop(Duration deadline) {
    if (stopping) {
      return;
    }
    stopping = true;
    seal();
    long until = System.nanoTime() + deadline.toNanos();
    try {
      while ((undispatched.get() > 0 || inFlight.get() > 0) && System.nanoTime() < until) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (undispatched.get() > 0 || inFlight.get() > 0) {
      log.warn("stopping with {} batches unsent and {} unacknowledged after {}; their records will be read again",
          undispatched.get(), inFlight.get(), deadline);
    }
    flusher.interrupt();
    dispatcher.interrupt();
  }

  /** Files with records not yet acknowledged; for tests and readiness. */
  int filesWaiting() {
    return tracker.filesWaiting();
  }
}
