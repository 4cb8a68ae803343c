package io.pipelens.runtime.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A part of a pipelens process that has to be started and stopped: a source, a sink, the
 * operations HTTP server, or a whole component built from those.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #start()} returns once the service is running, and throws if it could not start.
 *       It is called at most once.
 *   <li>{@link #stop(Duration)} stops intake, flushes and checkpoints, and returns within the
 *       deadline as best it can. It must be idempotent, and safe when {@code start()} was never
 *       called or failed half way: callers invoke it to release whatever a failed start acquired.
 * </ul>
 */
public interface Service extends AutoCloseable {

  /** The deadline {@link #close()} gives {@link #stop(Duration)}. */
  Duration DEFAULT_CLOSE_DEADLINE = Duration.ofSeconds(10);

  /** A short name for logs, such as {@code "kafka-sink"}. */
  String name();

  /** Starts the service and returns once it is running. */
  void start() throws Exception;

  /**
   * Stops the service, flushing and checkpointing what it holds, within {@code deadline}.
   * Idempotent; a failure is reported by throwing a {@link RuntimeException}.
   *
   * @param deadline how long the caller is prepared to wait; {@link Duration#ZERO} means stop now
   *     and drop what cannot be flushed at once
   */
  void stop(Duration deadline);

  /**
   * A service named {@code name} that holds nothing while running and runs {@code onStop} when
   * stopped, at its place in a {@link CompositeService}'s order; idempotent as the contract asks.
   */
  static Service onStop(String name, Runnable onStop) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(onStop, "onStop");
    AtomicBoolean stopped = new AtomicBoolean();
    return new Service() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() {}

      @Override
      public void stop(Duration deadline) {
        if (stopped.compareAndSet(false, true)) {
          onStop.run();
        }
      }
    };
  }

  /** Stops the service with {@link #DEFAULT_CLOSE_DEADLINE}, for try-with-resources. */
  @Override
  default void close() {
    stop(DEFAULT_CLOSE_DEADLINE);
  }
}
