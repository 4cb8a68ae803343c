package io.pipelens.agent.output.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The acknowledgement of one {@link io.pipelens.agent.output.RecordBatch}, which an output may send
 * as several parts (Kafka records, HTTP requests). Its stage completes normally once every part was
 * delivered or rejected for good, and exceptionally when {@link #fail} comes first.
 *
 * <p>The stage completes on {@code completer}, never on the thread that reports the last part, so a
 * slow reader of the stage cannot stall a Kafka I/O thread.
 */
public final class BatchDelivery {

  private final CompletableFuture<Void> stage = new CompletableFuture<>();
  private final OutputMetrics metrics;
  private final Executor completer;
  private final long startNanos = System.nanoTime();
  private int remainingParts; // guarded by this
  private boolean finished; // guarded by this

  /** A delivery of {@code parts} parts, counted in {@code metrics}. */
  public BatchDelivery(int parts, OutputMetrics metrics, Executor completer) {
    if (parts <= 0) {
      throw new IllegalArgumentException("a delivery has at least one part, got " + parts);
    }
    this.remainingParts = parts;
    this.metrics = metrics;
    this.completer = completer;
  }

  /** The stage the caller of {@code send} waits on. */
  public CompletionStage<Void> stage() {
    return stage.minimalCompletionStage();
  }

  /** One part was split into {@code extra + 1} parts. */
  public synchronized void addParts(int extra) {
    remainingParts += extra;
  }

  /** One part of {@code records} records and {@code bytes} encoded bytes was acknowledged. */
  public void partDelivered(long records, long bytes) {
    metrics.sent(records, bytes);
    partDone();
  }

  /** One part of {@code records} records was refused for good and is given up on. */
  public void partRejected(long records) {
    metrics.rejected(records);
    partDone();
  }

  /** Completes the stage exceptionally, unless it already completed. */
  public void fail(Throwable cause) {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
    }
    complete(() -> stage.completeExceptionally(cause));
  }

  /** Whether the stage completed or is about to. */
  public synchronized boolean isFinished() {
    return finished;
  }

  private void partDone() {
    synchronized (this) {
      if (finished || --remainingParts > 0) {
        return;
      }
      finished = true;
    }
    metrics.latency(Duration.ofNanos(System.nanoTime() - startNanos));
    complete(() -> stage.complete(null));
  }

  private void complete(Runnable completion) {
    try {
      completer.execute(completion);
    } catch (RejectedExecutionException e) {
      // The completer is shut down only after every delivery finished; run here rather than hang.
      completion.run();
    }
  }
}
