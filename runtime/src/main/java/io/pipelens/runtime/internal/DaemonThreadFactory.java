package io.pipelens.runtime.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ... so that thread dumps
 * and the {@code process.thread.name} log field say which pipelens part a thread belongs to.
 *
 * <p>Daemon, because runtime-owned threads must never be the reason a JVM does not exit.
 *
 * <p>Internal: not public API, see {@link io.pipelens.runtime.internal}.
 */
public final class DaemonThreadFactory implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger next = new AtomicInteger(1);

  /** Threads will be named {@code prefix-N}, N counting from 1. */
  public DaemonThreadFactory(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("prefix must not be blank");
    }
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
    thread.setDaemon(true);
    return thread;
  }
}
