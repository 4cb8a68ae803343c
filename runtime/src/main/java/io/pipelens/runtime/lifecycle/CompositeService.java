package io.pipelens.runtime.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several services run as one: started in list order, stopped in reverse order.
 *
 * <p>If a child fails to start, the children already started are stopped in reverse order (the
 * failing child first, since {@link Service#stop(Duration)} must release what a half-done start
 * acquired), each within the rollback deadline, and the start failure is rethrown with any stop
 * failures attached as suppressed exceptions.
 *
 * <p>{@link #stop(Duration)} shares one deadline among the children: each child gets what is left
 * of it. A child that fails to stop does not keep the others from stopping; the first failure is
 * thrown at the end with the others suppressed. Start and stop are serialized, so a stop that
 * arrives during start waits for start to finish.
 */
public final class CompositeService implements Service {

  private static final Logger log = LoggerFactory.getLogger(CompositeService.class);

  private final String name;
  private final List<Service> children;
  private final Duration rollbackDeadline;
  private final Object lock = new Object();

  // Guarded by lock. Children in start order, including a child whose start threw.
  private final List<Service> started = new ArrayList<>();
  private boolean startCalled;
  private boolean stopped;

  private CompositeService(String name, List<? extends Service> children, Duration rollbackDeadline) {
    this.name = requireNonBlank(name);
    this.children = List.copyOf(Objects.requireNonNull(children, "children"));
    this.rollbackDeadline = Objects.requireNonNull(rollbackDeadline, "rollbackDeadline");
    if (rollbackDeadline.isNegative()) {
      throw new IllegalArgumentException("rollbackDeadline must not be negative");
    }
  }

  /**
   * A composite of {@code children}, which are started in the given order; a failed start is
   * rolled back within {@link Service#DEFAULT_CLOSE_DEADLINE}.
   */
  public static CompositeService of(String name, List<? extends Service> children) {
    return new CompositeService(name, children, DEFAULT_CLOSE_DEADLINE);
  }

  /** Same as {@link #of(String, List)}. */
  public static CompositeService of(String name, Service... children) {
    return of(name, List.of(children));
  }

  /** Same as {@link #of(String, List)}, with the deadline for stopping children after a failed start. */
  public static CompositeService of(String name, Duration rollbackDeadline, List<? extends Service> children) {
    return new CompositeService(name, children, rollbackDeadline);
  }

  @Override
  public String name() {
    return name;
  }

  /** The children, in start order. */
  public List<Service> children() {
    return children;
  }

  @Override
  public void start() throws Exception {
    synchronized (lock) {
      if (startCalled || stopped) {
        throw new IllegalStateException(name + " was already " + (stopped ? "stopped" : "started"));
      }
      startCalled = true;
      for (Service child : children) {
        started.add(child);
        long begin = System.nanoTime();
        try {
          child.start();
        } catch (Exception | LinkageError e) {
          // The failure itself is logged by whoever catches it; logging it here too would double it.
          log.error("{}: {} failed to start; rolling back: stopping it and the {} started before it",
              name, child.name(), started.size() - 1);
          RuntimeException stopFailure = stopStarted(rollbackDeadline);
          if (stopFailure != null) {
            e.addSuppressed(stopFailure);
          }
          throw e;
        }
        log.info("{}: started {} in {} ms", name, child.name(), (System.nanoTime() - begin) / 1_000_000);
      }
    }
  }

  @Override
  public void stop(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    RuntimeException failure;
    synchronized (lock) {
      failure = stopStarted(deadline);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Stops the started children in reverse order within one shared deadline; returns the failure, if any. */
  private RuntimeException stopStarted(Duration deadline) {
    if (stopped) {
      return null;
    }
    stopped = true;
    long begin = System.nanoTime();
    RuntimeException failure = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      Service child = started.get(i);
      Duration remaining = remaining(deadline, begin);
      try {
        child.stop(remaining);
        log.info("{}: stopped {}", name, child.name());
      } catch (RuntimeException e) {
        log.error("{}: {} failed to stop", name, child.name(), e);
        if (failure == null) {
          failure = new IllegalStateException(name + ": " + child.name() + " failed to stop: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    started.clear();
    return failure;
  }

  // Subtracting elapsed time from the Duration (not adding the deadline to nanoTime) cannot
  // overflow, even for a "forever" deadline such as Duration.ofSeconds(Long.MAX_VALUE).
  static Duration remaining(Duration deadline, long beginNanos) {
    Duration left = deadline.minusNanos(System.nanoTime() - beginNanos);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static String requireNonBlank(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return name;
  }

  @Override
  public String toString() {
    return "CompositeService[" + name + "]";
  }
}
