package io.pipelens.agent.output.file;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.output.Output;
import io.pipelens.agent.output.OutputStoppedException;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.output.internal.Backoff;
import io.pipelens.agent.output.internal.BatchDelivery;
import io.pipelens.agent.output.internal.ByteBudget;
import io.pipelens.agent.output.internal.OutputMetrics;
import io.pipelens.agent.output.internal.OutputThreads;
import io.pipelens.agent.output.internal.PendingDeliveries;
import io.pipelens.agent.output.internal.RateLimitedLog;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches as NDJSON lines ({@link NdjsonEncoder}) to a file or standard output, from the
 * worker thread {@code pipelens-agent-output-<name>}, in order. A batch is acknowledged once its
 * lines are written and flushed (and forced to disk with {@code fsync}). A failed write, such as a
 * full disk, is retried after a backoff of 100 ms to 5 s, forever; lines written in part before the
 * failure are written again in full.
 */
public final class NdjsonOutput implements Output {

  private static final Logger log = LoggerFactory.getLogger(NdjsonOutput.class);

  private static final long MAX_PENDING_BYTES = 16L << 20;
  private static final long POLL_MILLIS = 100;

  private record Job(NdjsonEncoder.Lines lines, int records, BatchDelivery delivery) {}

  private final String name;
  private final LineSink sink;
  private final NdjsonEncoder encoder;
  private final ByteBudget budget;
  private final OutputMetrics metrics;
  private final PendingDeliveries pending = new PendingDeliveries();
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final RateLimitedLog failureLog = new RateLimitedLog(log, 10);
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  private final Object intakeLock = new Object();
  private boolean accepting = true; // guarded by intakeLock
  private final Object lifecycleLock = new Object();
  private boolean started; // guarded by lifecycleLock
  private boolean stopped; // guarded by lifecycleLock
  private Thread worker;
  private volatile boolean workerStop;
  private final String type; // file or stdout: its worker's name in Liveness
  private final Liveness liveness;

  private NdjsonOutput(String name, String type, LineSink sink, boolean pretty, MeterRegistry registry,
      Liveness liveness) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an output needs a name");
    }
    this.name = name;
    this.sink = sink;
    this.encoder = new NdjsonEncoder(pretty);
    this.budget = new ByteBudget(name, MAX_PENDING_BYTES);
    this.metrics = new OutputMetrics(Objects.requireNonNull(registry, "registry"), name, budget::used);
    this.type = type;
    this.liveness = Objects.requireNonNull(liveness, "liveness");
  }

  /**
   * An output named {@code name} that appends to the configured file; its worker reports to
   * {@code liveness} as {@code agent.output.file.<name>}.
   */
  public static NdjsonOutput file(String name, FileOutputConfig config, MeterRegistry registry, Liveness liveness) {
    return new NdjsonOutput(name, "file", new FileLineSink(Objects.requireNonNull(config, "config")), false,
        registry, liveness);
  }

  /**
   * An output named {@code name} that writes to the agent's standard output; its worker reports to
   * {@code liveness} as {@code agent.output.stdout.<name>}.
   */
  public static NdjsonOutput stdout(String name, StdoutOutputConfig config, MeterRegistry registry,
      Liveness liveness) {
    return stream(name, config, System.out, "stdout", registry, liveness);
  }

  /** Like {@link #stdout}, writing to {@code out}; for tests and embedding. */
  public static NdjsonOutput stream(String name, StdoutOutputConfig config, PrintStream out, String description,
      MeterRegistry registry, Liveness liveness) {
    return new NdjsonOutput(name, "stdout", new StreamLineSink(out, description), config.pretty(), registry,
        liveness);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() throws IOException {
    synchronized (lifecycleLock) {
      if (started || stopped) {
        throw new IllegalStateException(name + " output was already " + (stopped ? "stopped" : "started"));
      }
      started = true;
      try {
        sink.open();
      } catch (IOException e) {
        throw new IOException(name + " output: cannot open " + sink.describe() + ": " + e, e);
      }
      worker = OutputThreads.worker(type, name, liveness, this::work);
      worker.start();
    }
    log.info("{} output: writing NDJSON to {}", name, sink.describe());
  }

  @Override
  public CompletionStage<Void> send(RecordBatch batch) throws InterruptedException {
    Objects.requireNonNull(batch, "batch");
    if (batch.records().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    NdjsonEncoder.Lines lines = encoder.encodeLines(batch.records());
    try {
      budget.acquire(lines.length());
    } catch (OutputStoppedException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (intakeLock) {
      if (!accepting) {
        budget.release(lines.length());
        return CompletableFuture.failedFuture(
            new OutputStoppedException(name + " output is stopped and takes no more records"));
      }
      BatchDelivery delivery = new BatchDelivery(1, metrics, Runnable::run);
      pending.add(delivery);
      queue.add(new Job(lines, batch.records().size(), delivery));
      return delivery.stage();
    }
  }

  @Override
  public void stop(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    long end = System.nanoTime() + Math.max(0, deadline.toNanos());
    synchronized (lifecycleLock) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    synchronized (intakeLock) {
      accepting = false;
    }
    budget.close();
    boolean flushed = pending.awaitDelivered(end);
    workerStop = true;
    OutputThreads.stopWorker(worker, end);
    pending.failAll(
        new OutputStoppedException(
            name + " output stopped before the batch was written; its records are read again"
                + " after a restart"));
    // Closed only once the worker is gone or given up on: it is the sink's only user.
    if (worker == null || !worker.isAlive()) {
      try {
        sink.close();
      } catch (IOException e) {
        log.warn("{} output: closing {} failed", name, sink.describe(), e);
      }
    }
    if (!flushed) {
      log.warn("{} output: stopped before every batch was written to {}", name, sink.describe());
    }
  }

  private void work() {
    try {
      while (!workerStop) {
        Job job = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (job != null) {
          write(job);
        }
      }
    } catch (InterruptedException e) {
      // stop() interrupts; what is left is failed there.
    }
    // Anything else ends the worker for good: Liveness logs it and fails /healthz, so the agent
    // is restarted and the unwritten records are read again.
  }

  private void write(Job job) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        metrics.retried();
      }
      try {
        NdjsonEncoder.Lines lines = job.lines();
        sink.write(lines.buffer(), lines.length());
        backoff.reset();
        budget.release(lines.length());
        encoder.release(lines);
        job.delivery().partDelivered(job.records(), lines.length());
        return;
      } catch (IOException e) {
        metrics.failed("io");
        Duration wait = backoff.next();
        failureLog.warn(
            name + " output: writing to " + sink.describe() + " failed (attempt " + attempt
                + "); retrying in " + wait.toMillis() + " ms",
            e);
        TimeUnit.NANOSECONDS.sleep(wait.toNanos());
      }
    }
  }
}
