package io.pipelens.agent.remote;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.pipelens.runtime.lifecycle.Service;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running collection (inputs, processing, pipeline, outputs), replaced in place when the
 * configuration changes: the old one is stopped as on SIGTERM (so what it read is acknowledged and
 * checkpointed), then the new one is built and started. If the new one fails to build or start,
 * the previous configuration is built and started again, so the agent keeps collecting.
 *
 * <p>Gauges read the objects they were registered with, so the old collection's gauges (and other
 * function-backed meters) are removed before the new one registers its own; counters are shared
 * by name and go on counting.
 *
 * @param <C> the configuration a collection is built from
 */
public final class CollectionSwitch<C> implements Service {

  private static final Logger log = LoggerFactory.getLogger(CollectionSwitch.class);

  private final Function<C, Service> build;
  private final MeterRegistry registry;
  private final Duration stopDeadline;
  private final Set<Meter.Id> generationMeters = ConcurrentHashMap.newKeySet();
  private C config;
  private Service running;

  /**
   * A switch that starts with {@code initial}.
   *
   * @param build builds a collection, not yet started; may throw if the configuration cannot be built
   * @param stopDeadline how long stopping a collection may take
   */
  public CollectionSwitch(C initial, Function<C, Service> build, MeterRegistry registry, Duration stopDeadline) {
    this.config = initial;
    this.build = build;
    this.registry = registry;
    this.stopDeadline = stopDeadline;
    registry.config().onMeterAdded(meter -> generationMeters.add(meter.getId()));
  }

  @Override
  public String name() {
    return "agent-collection";
  }

  @Override
  public synchronized void start() throws Exception {
    generationMeters.clear();
    running = build.apply(config);
    running.start();
  }

  /** The configuration running now. */
  public synchronized C current() {
    return config;
  }

  /**
   * Stops the running collection and starts one built from {@code next}. A collection that fails
   * to stop is left behind (its failure logged): the next one starts regardless, as the old one
   * released what it could.
   *
   * @throws Exception why {@code next} could not be built or started, with any failure to stop
   *     what it had started as suppressed; the previous configuration runs again
   * @throws NothingRunningException when the previous configuration could not be started again
   *     either: nothing is collected until the process restarts
   */
  public synchronized void apply(C next) throws Exception {
    stopRunning(null);
    try {
      running = build.apply(next);
      running.start();
      config = next;
    } catch (Exception | Error e) {
      log.error("the new collection configuration failed to start ({}); going back to the previous one",
          e.toString());
      stopRunning(e);
      try {
        running = build.apply(config);
        running.start();
      } catch (Exception | Error restore) {
        e.addSuppressed(restore);
        stopRunning(e);
        throw new NothingRunningException("the new collection configuration failed to start (" + e
            + "), and the previous one failed to start again (" + restore + "): nothing is collected", e);
      }
      throw e;
    }
  }

  @Override
  public synchronized void stop(Duration deadline) {
    if (running != null) {
      Service last = running;
      running = null;
      last.stop(deadline);
    }
  }

  // Stops the running collection, if any, and forgets it even if its stop fails: that failure
  // goes to cause (a start that failed) when there is one, else to the log.
  private void stopRunning(Throwable cause) {
    Service last = running;
    running = null;
    if (last != null) {
      try {
        last.stop(stopDeadline);
      } catch (RuntimeException e) {
        if (cause != null) {
          cause.addSuppressed(e);
        } else {
          log.error("the running collection ({}) failed to stop: {}; starting the next one regardless",
              last.name(), e.toString());
        }
      }
    }
    for (Meter.Id id : List.copyOf(generationMeters)) {
      Meter meter = registry.find(id.getName()).tags(id.getTags()).meter();
      if (meter instanceof Gauge || meter instanceof TimeGauge || meter instanceof FunctionCounter
          || meter instanceof FunctionTimer) {
        registry.remove(meter);
      }
    }
    generationMeters.clear();
  }

  /**
   * Neither the new configuration nor the previous one could start: the agent collects nothing.
   * Not a rejected configuration: the caller lets it end its worker, so {@code /healthz} fails and
   * the process is restarted with the configuration from its file.
   */
  public static final class NothingRunningException extends RuntimeException {
    NothingRunningException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
