package io.pipelens.runtime.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Service} for the life of the process: start it, wait until SIGTERM/SIGINT or a
 * {@link Stopper} says stop, stop it within a deadline, and return the exit code.
 *
 * <p>Exit codes: {@value #EXIT_OK} when the service stopped cleanly after a stop request;
 * {@value #EXIT_FAILURE} when it failed to start, reported a fatal failure, failed to stop, or did
 * not stop within the deadline plus a grace period. The caller passes the code to
 * {@link System#exit(int)}: other libraries' non-daemon threads must not keep the process alive.
 * SIGTERM and SIGINT are trapped ({@link StopSignals}) and only request the stop, so a clean stop
 * after SIGTERM exits 0. Where the JVM keeps the signals ({@code -Xrs}), or something else calls
 * {@link System#exit}, the shutdown hook below stops the service instead, and the process exits
 * with the JVM's status (143 for SIGTERM).
 *
 * <p>Threads: the calling thread starts the service and waits. The stop runs on a daemon thread
 * named {@code pipelens-shutdown}, so that a stop that hangs cannot hang the process: the runner
 * gives up after the deadline plus {@link #DEFAULT_GRACE}. The shutdown hook,
 * {@code pipelens-shutdown-hook}, only requests the stop and waits for the runner to finish, since
 * the JVM halts as soon as every hook has returned.
 */
public final class ServiceRunner {

  /** The exit code of a clean stop. */
  public static final int EXIT_OK = 0;
  /** The exit code of a failed start, a fatal failure, or a failed or overdue stop. */
  public static final int EXIT_FAILURE = 1;
  /** How long past the shutdown deadline the runner waits for a stop before giving up. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
  // Lets the runner write its last log lines after it gave up on a stop, before the hook returns.
  private static final Duration HOOK_MARGIN = Duration.ofSeconds(1);

  private final Service service;
  private final Duration deadline;
  private final Stopper stopper;
  private final ShutdownHooks hooks;
  private final StopSignals signals;
  private final Duration grace;
  private final AtomicBoolean ran = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

  ServiceRunner(Service service, Duration deadline, Stopper stopper, ShutdownHooks hooks, Duration grace) {
    this(service, deadline, stopper, hooks, StopSignals.NONE, grace);
  }

  ServiceRunner(Service service, Duration deadline, Stopper stopper, ShutdownHooks hooks, StopSignals signals,
      Duration grace) {
    this.service = Objects.requireNonNull(service, "service");
    this.signals = Objects.requireNonNull(signals, "signals");
    this.deadline = requireNonNegative(deadline, "shutdownDeadline");
    this.stopper = Objects.requireNonNull(stopper, "stopper");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.grace = requireNonNegative(grace, "grace");
  }

  /**
   * Starts {@code service}, blocks until SIGTERM or SIGINT, stops it within
   * {@code shutdownDeadline} and returns the exit code.
   */
  public static int runUntilStopped(Service service, Duration shutdownDeadline) {
    return runUntilStopped(service, shutdownDeadline, new Stopper());
  }

  /**
   * Same as {@link #runUntilStopped(Service, Duration)}, and also stops when {@code stopper} is
   * asked to; a {@link Stopper#fail(Throwable) fatal failure} makes the exit code
   * {@value #EXIT_FAILURE}.
   */
  public static int runUntilStopped(Service service, Duration shutdownDeadline, Stopper stopper) {
    return new ServiceRunner(service, shutdownDeadline, stopper, ShutdownHooks.JVM, StopSignals.JVM, DEFAULT_GRACE)
        .run();
  }

  /** Runs the service to the end; callable once. */
  int run() {
    if (!ran.compareAndSet(false, true)) {
      throw new IllegalStateException("a ServiceRunner runs once");
    }
    // Installed before start, so a SIGTERM during a slow start still stops the service cleanly.
    Thread hook = new Thread(this::onJvmShutdown, "pipelens-shutdown-hook");
    hooks.add(hook);
    Runnable untrap = signals.trap(signal -> stopper.requestStop(signal));
    try {
      return startAndAwaitStop();
    } finally {
      untrap.run();
      terminated.countDown();
      hooks.remove(hook);
    }
  }

  private int startAndAwaitStop() {
    String name = service.name();
    log.info("starting {}", name);
    long begin = System.nanoTime();
    try {
      service.start();
    } catch (Exception e) {
      log.error("{} failed to start: {}", name, e.getMessage(), e);
      // Service.stop must be safe after a failed start; it releases what start acquired.
      stopWithinDeadline("a failed start");
      return EXIT_FAILURE;
    }
    log.info("{} started in {} ms", name, elapsedMillis(begin));

    Stopper.StopRequest request;
    try {
      request = stopper.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request = new Stopper.StopRequest("the runner thread was interrupted", null);
    }
    if (request.failure() != null) {
      log.error("{} reported a fatal failure; stopping it", name, request.failure());
    }
    boolean stopped = stopWithinDeadline(request.reason());
    return stopped && request.failure() == null ? EXIT_OK : EXIT_FAILURE;
  }

  /** Stops the service on its own thread and waits at most the deadline plus the grace period. */
  private boolean stopWithinDeadline(String reason) {
    String name = service.name();
    log.info("stopping {} after {}; deadline {}", name, reason, deadline);
    long begin = System.nanoTime();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread stopThread = new Thread(() -> {
      try {
        service.stop(deadline);
      } catch (Throwable t) { // reported below, on the runner thread, whatever it is
        failure.set(t);
      }
    }, "pipelens-shutdown");
    stopThread.setDaemon(true);
    stopThread.start();
    try {
      stopThread.join(saturatedMillis(deadline, grace));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("interrupted while waiting for {} to stop", name);
      return false;
    }
    if (stopThread.isAlive()) {
      log.error("{} did not stop within its {} deadline plus {} grace; giving up", name, deadline, grace);
      return false;
    }
    if (failure.get() != null) {
      log.error("{} failed to stop: {}", name, failure.get().getMessage(), failure.get());
      return false;
    }
    log.info("{} stopped in {} ms", name, elapsedMillis(begin));
    return true;
  }

  /** The shutdown hook: ask for the stop, then keep the JVM alive until the runner is done. */
  private void onJvmShutdown() {
    stopper.requestStop("JVM shutdown (SIGTERM, SIGINT or System.exit)");
    try {
      if (!terminated.await(saturatedMillis(deadline, grace.plus(HOOK_MARGIN)), TimeUnit.MILLISECONDS)) {
        log.error("{} still running at JVM exit; exiting anyway", service.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Requests a stop, as SIGTERM would; for tests and embedding. */
  void requestStop(String reason) {
    stopper.requestStop(reason);
  }

  private static long saturatedMillis(Duration a, Duration b) {
    try {
      return a.plus(b).toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long elapsedMillis(long beginNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beginNanos);
  }

  private static Duration requireNonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }
}
