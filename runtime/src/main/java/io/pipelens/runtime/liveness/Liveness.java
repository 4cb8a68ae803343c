package io.pipelens.runtime.liveness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of a component's dead worker loops, behind {@code /healthz} and the {@code workers}
 * readiness check.
 *
 * <p>A worker loop either runs inside {@link #watch} (a thread's whole body), {@link #watchTask}
 * (a scheduled executor's periodic task) or {@link #watchTasks} (a pool's tasks), which report the
 * loop when it ends by a throwable, or
 * reports itself with {@link #workerDied} when it catches what ends it. A throwable caused by an
 * interruption, or thrown while the thread is interrupted, is how shutdown stops a loop, and is
 * not a death. A loop that catches and retries its own errors is alive and does not report.
 *
 * <p>The first cause of each worker is kept; every death counts once in {@code
 * pipelens_worker_failures_total{component,worker}} and is logged as one ERROR line with its stack
 * trace. A death is reported until {@link #forgetAll()} is called on the view it was reported
 * through (see {@link #scoped()}): the agent does so when a remote configuration replaces the
 * collection the dead worker belonged to, whose replacement starts with a clean slate.
 *
 * <p>Thread-safe.
 */
public final class Liveness {

  /** Meter name; exposed as {@code pipelens_worker_failures_total}. */
  public static final String FAILURES_METER = "pipelens.worker.failures";

  private static final Logger log = LoggerFactory.getLogger(Liveness.class);

  private final Shared shared;
  // The workers watched or reported through this view, which forgetAll() forgets. Guarded by shared.
  private final Set<String> own = new LinkedHashSet<>();
  // Set by forgetAll(): the group was replaced, and what its threads report later is history.
  private boolean retired; // guarded by shared

  /**
   * A registry whose deaths are counted in {@code registry} with the tag {@code component}.
   */
  public Liveness(String component, MeterRegistry registry) {
    this(new Shared(Objects.requireNonNull(component, "component"), Objects.requireNonNull(registry, "registry"),
        Clock.systemUTC()));
  }

  /**
   * A registry that counts nothing (there is no meter registry to count in) but reports and logs
   * deaths as any other; for an {@link io.pipelens.runtime.ops.OpsServer} or a worker built without
   * a component around it.
   */
  public Liveness() {
    this(new Shared(null, null, Clock.systemUTC()));
  }

  private Liveness(Shared shared) {
    this.shared = shared;
  }

  /**
   * A view of this registry for a group of workers that may be replaced as a whole: deaths
   * reported through it show in this registry (and every other view), and {@link #forgetAll()} on
   * it forgets them.
   */
  public Liveness scoped() {
    return new Liveness(shared);
  }

  /**
   * Runs {@code loop}, a thread's whole body, and reports {@code worker} dead if it ends by a
   * throwable other than an interruption. The throwable is not rethrown: the thread ends either
   * way, and its uncaught-exception handler would only print the stack trace a second time.
   */
  public Runnable watch(String worker, Runnable loop) {
    Objects.requireNonNull(loop, "loop");
    watching(worker);
    return reporting(worker, loop);
  }

  /**
   * Wraps {@code task}, a periodic task of a scheduled executor, to report {@code worker} dead if a
   * run ends by a throwable other than an interruption. The throwable is rethrown, so that the
   * executor stops scheduling the task, as it would have without this.
   */
  public Runnable watchTask(String worker, Runnable task) {
    Objects.requireNonNull(task, "task");
    watching(worker);
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        endedBy(worker, t);
        throw t;
      }
    };
  }

  /**
   * An executor that runs each task on {@code pool} and reports {@code worker} dead if a task ends
   * by a throwable other than an interruption; for a pool whose every task is a piece of one
   * worker's job (a sink's bulk requests, a receiver's requests), where such a task leaves its work
   * unfinished for good. The throwable is not rethrown, so the pool thread lives on.
   */
  public Executor watchTasks(String worker, Executor pool) {
    Objects.requireNonNull(pool, "pool");
    watching(worker);
    return task -> pool.execute(reporting(worker, task));
  }

  /** {@code task}, reporting {@code worker} dead if a throwable ends it, which is not rethrown. */
  private Runnable reporting(String worker, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        endedBy(worker, t);
      }
    };
  }

  /**
   * Declares {@code worker}, so that its failure counter exists at 0 before a first death (an
   * alert on {@code increase()} cannot see a series that starts at 1). {@link #watch} and
   * {@link #watchTask} do this; a worker that reports itself with {@link #workerDied} calls it
   * when it starts.
   */
  public void watching(String worker) {
    requireName(worker);
    synchronized (shared) {
      own.add(worker);
    }
    shared.counter(worker);
  }

  /**
   * Reports that {@code worker} stopped for good because of {@code cause}. Counted and logged every
   * time; only the first cause is kept until the worker is forgotten.
   */
  public void workerDied(String worker, Throwable cause) {
    requireName(worker);
    Objects.requireNonNull(cause, "cause");
    WorkerDeath death = WorkerDeath.of(worker, cause, shared.clock.instant());
    boolean replaced;
    synchronized (shared) {
      replaced = retired;
      if (!replaced) {
        own.add(worker);
        shared.dead.putIfAbsent(worker, death);
      }
    }
    Counter counter = shared.counter(worker);
    if (counter != null) {
      counter.increment();
    }
    if (replaced) {
      // A thread of a group already replaced (it outlived its stop): counted, but the worker of
      // that name now is its replacement, which is alive.
      log.warn("worker {} of a replaced group ended by an unexpected error after its replacement;"
          + " counted, /healthz unaffected", worker, cause);
      return;
    }
    // The one place a death is logged, so that each shows once, with the trace, at ERROR.
    log.error("worker {} stopped for good by an unexpected error; /healthz and /readyz now fail", worker, cause);
  }

  /** The dead workers, by first death, with their first cause. */
  public Map<String, WorkerDeath> deadWorkers() {
    synchronized (shared) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(shared.dead));
    }
  }

  /** Whether no worker is dead. */
  public boolean allAlive() {
    synchronized (shared) {
      return shared.dead.isEmpty();
    }
  }

  /**
   * Forgets the deaths of the workers watched or reported through this view, because they were
   * replaced; the failure counters keep their counts. The view is retired: a death reported
   * through it later (a thread that outlived its stop) is counted and logged, and fails nothing.
   */
  public void forgetAll() {
    synchronized (shared) {
      retired = true;
      for (String worker : own) {
        if (shared.dead.remove(worker) != null) {
          log.info("worker {} was replaced; it no longer fails /healthz", worker);
        }
      }
      own.clear();
    }
  }

  /** Reports {@code worker} dead for {@code t}, unless {@code t} is how a stop ended it. */
  private void endedBy(String worker, Throwable t) {
    if (isShutdown(t)) {
      // Not a death, but not nothing either: what was it doing when stopped?
      log.debug("{}: ended while stopping by {}", worker, t.toString());
    } else {
      workerDied(worker, t);
    }
  }

  /** Whether {@code t} is how a stop ends a loop: an interruption, or anything while interrupted. */
  static boolean isShutdown(Throwable t) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    // Bounded: a cause chain can loop through two or more exceptions.
    Throwable c = t;
    for (int depth = 0; c != null && depth < 32; depth++, c = c.getCause()) {
      if (c instanceof InterruptedException || c instanceof ClosedByInterruptException
          || (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException))) {
        return true;
      }
    }
    return false;
  }

  private static void requireName(String worker) {
    if (worker == null || worker.isBlank()) {
      throw new IllegalArgumentException("worker name must not be blank");
    }
  }

  /** What every view of one registry shares; its own monitor guards {@code dead}. */
  private static final class Shared {
    final String component; // null: nothing is counted
    final MeterRegistry registry;
    final Clock clock;
    final Map<String, WorkerDeath> dead = new LinkedHashMap<>();

    Shared(String component, MeterRegistry registry, Clock clock) {
      this.component = component;
      this.registry = registry;
      this.clock = clock;
    }

    /** The worker's failure counter, registered on first use; null when nothing is counted. */
    Counter counter(String worker) {
      if (registry == null) {
        return null;
      }
      return Counter.builder(FAILURES_METER)
          .description("Worker loops that stopped for good because of an unexpected error")
          .tag("component", component)
          .tag("worker", worker)
          .register(registry);
    }
  }
}
