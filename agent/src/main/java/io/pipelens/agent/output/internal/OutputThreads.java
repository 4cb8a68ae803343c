package io.pipelens.agent.output.internal;

import io.pipelens.runtime.liveness.Liveness;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names an output's threads {@code pipelens-agent-output-<name>} (the first) and {@code
 * pipelens-agent-output-<name>-<role>-N} (helpers), so thread dumps and the {@code
 * process.thread.name} log field say which output a thread works for. Daemon threads: an output
 * that failed to stop must not keep the JVM alive.
 */
public final class OutputThreads {

  private OutputThreads() {}

  /** The name of the output's main worker thread. */
  public static String workerName(String outputName) {
    return "pipelens-agent-output-" + outputName;
  }

  /**
   * A new, not yet started, daemon worker thread for the {@code type} output {@code outputName},
   * reporting to {@code liveness} as {@code agent.output.<type>.<name>} (such as {@code
   * agent.output.kafka.main}) if an unexpected error ends it.
   */
  public static Thread worker(String type, String outputName, Liveness liveness, Runnable task) {
    String worker = "agent.output." + type + "." + outputName;
    Thread thread = new Thread(liveness.watch(worker, task), workerName(outputName));
    thread.setDaemon(true);
    return thread;
  }

  /** A factory of daemon helper threads named {@code pipelens-agent-output-<name>-<role>-N}. */
  public static ThreadFactory helpers(String outputName, String role) {
    String prefix = workerName(outputName) + "-" + role + "-";
    AtomicInteger next = new AtomicInteger(1);
    return task -> {
      Thread thread = new Thread(task, prefix + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Interrupts an output's worker and waits for it until {@code deadlineNanos} ({@link
   * System#nanoTime()} based), at least a millisecond; a null worker (never started) is fine.
   */
  public static void stopWorker(Thread worker, long deadlineNanos) {
    if (worker == null) {
      return;
    }
    worker.interrupt();
    try {
      worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
