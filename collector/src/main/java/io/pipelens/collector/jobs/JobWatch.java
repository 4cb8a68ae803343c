package io.pipelens.collector.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.normalize.AnyValues;
import io.pipelens.collector.normalize.RecordFields;
import io.pipelens.collector.pipeline.RecordLabels;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Stream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the records on their way to the sink for what they say about jobs:
 *
 * <ul>
 *   <li>{@code pipelens_collector_jobs_failed_total{engine,compute_type,team,priority}}: Spark jobs
 *       that ended with {@code JobFailed} and Ray submission jobs that became {@code FAILED}, from
 *       event-stream records;
 *   <li>{@code pipelens_collector_application_last_record_timestamp_seconds{app_id,compute_type,
 *       team,priority}}: when a running Spark application last sent any record (event, engine or
 *       business). An application is tracked from the first event-log line this collector sees of
 *       it until its {@code SparkListenerApplicationEnd}, so an application that finished is not
 *       mistaken for a stalled one, and one whose driver died without ending stays visible as
 *       stalled. Spark can write an event after the application's end (a failed job's {@code
 *       SparkListenerJobEnd}, posted by the scheduler while the driver already stops): the last
 *       {@link #REMEMBERED_ENDED_APPLICATIONS} ended applications are remembered for {@link
 *       #FORGET_AFTER}, so such a line is counted as a failure but does not track the ended
 *       application again, which would leave it looking stalled; its {@code
 *       SparkListenerApplicationStart} (another attempt) does. At most {@link
 *       #MAX_TRACKED_APPLICATIONS} are tracked (more are counted in {@code
 *       pipelens_collector_untracked_applications_total}); one without any record for {@link
 *       #FORGET_AFTER} is forgotten.
 * </ul>
 *
 * <p>Records are seen before the sink acknowledges them: a batch Kafka redelivers is seen again,
 * so a failure can count twice, which the alerts ({@code increase(...) > 0}) do not mind.
 *
 * <p>Thread-safe: Kafka and OTLP threads call it at once.
 */
public final class JobWatch {

  /** Running applications tracked at most, per collector; bounds the gauge's series. */
  public static final int MAX_TRACKED_APPLICATIONS = 1000;
  /** Ended applications remembered at most, so that a late event does not track one again. */
  public static final int REMEMBERED_ENDED_APPLICATIONS = 10_000;
  /** An application without a record for this long is forgotten (its gauge removed). */
  public static final Duration FORGET_AFTER = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(JobWatch.class);
  private static final long SWEEP_INTERVAL_MILLIS = 60_000;

  private final MeterRegistry registry;
  private final Clock clock;
  private final RecordLabels labels = new RecordLabels();
  private final ConcurrentMap<FailureKey, Counter> failures = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Tracked> running = new ConcurrentHashMap<>();
  private final EndedApplications ended = new EndedApplications(REMEMBERED_ENDED_APPLICATIONS);
  private final Counter untracked;
  private volatile long nextSweepMillis;

  /** A watch registering its meters in {@code registry}. */
  public JobWatch(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.untracked = Counter.builder("pipelens_collector_untracked_applications")
        .description("Running Spark applications not tracked for the stalled alert: over the limit")
        .register(registry);
    this.nextSweepMillis = clock.millis() + SWEEP_INTERVAL_MILLIS;
  }

  /** {@code sink}, with this watch seeing every batch written to it first. */
  public RecordSink watching(RecordSink sink) {
    return new RecordSink() {
      @Override
      public CompletableFuture<Void> write(List<LogRecord> records) {
        observe(records);
        return sink.write(records);
      }

      @Override
      public boolean hasCapacity() {
        return sink.hasCapacity();
      }

      @Override
      public void flush() {
        sink.flush();
      }
    };
  }

  /** Looks at {@code records}, normalized. */
  public void observe(List<LogRecord> records) {
    long now = clock.millis();
    for (LogRecord record : records) {
      boolean event = Stream.EVENT.wireName().equals(record.attributes().getString(AttributeNames.PIPELENS_STREAM));
      if (!event && running.isEmpty()) {
        continue; // nothing to update: the common case of a collector with no Spark event logs
      }
      String appId = RecordFields.string(record, AttributeNames.SPARK_APP_ID);
      if (event) {
        event(record, appId, now);
      }
      if (appId != null) {
        Tracked tracked = running.get(appId);
        if (tracked != null) {
          tracked.lastMillis = now;
        }
      }
    }
    if (now >= nextSweepMillis) {
      nextSweepMillis = now + SWEEP_INTERVAL_MILLIS;
      forgetSilent(now);
    }
  }

  private void event(LogRecord record, String appId, long now) {
    switch (LifecycleEvent.of(AnyValues.text(record.body()))) {
      case SPARK_APPLICATION_START -> {
        if (appId != null) {
          ended.remove(appId); // another attempt of an ended application
        }
        track(record, appId, now);
      }
      case SPARK_RUNNING -> track(record, appId, now);
      case SPARK_JOB_FAILED -> {
        track(record, appId, now);
        failed("spark", record);
      }
      case SPARK_APPLICATION_END -> {
        if (appId != null) {
          ended.add(appId, now);
          forget(appId);
        }
      }
      case RAY_JOB_FAILED -> failed("ray", record);
      case NONE -> { }
    }
  }

  private void failed(String engine, LogRecord record) {
    FailureKey key = new FailureKey(engine, RecordLabels.computeType(record), labels.teamPriority(record.resource()));
    failures.computeIfAbsent(key, k -> Counter.builder("pipelens_collector_jobs_failed")
        .description("Spark jobs and Ray submission jobs that failed, by engine, compute type, team and priority")
        .tag("engine", k.engine())
        .tag(RecordLabels.COMPUTE_TYPE, k.computeType())
        .tag(RecordLabels.TEAM, k.teamPriority().team())
        .tag(RecordLabels.PRIORITY, k.teamPriority().priority())
        .register(registry)).increment();
  }

  private void track(LogRecord record, String appId, long now) {
    if (appId == null || running.containsKey(appId) || ended.contains(appId)) {
      return;
    }
    if (running.size() >= MAX_TRACKED_APPLICATIONS) {
      untracked.increment();
      return;
    }
    RecordLabels.TeamPriority teamPriority = labels.teamPriority(record.resource());
    running.computeIfAbsent(appId, id -> {
      Tracked tracked = new Tracked(now);
      tracked.gauge = Gauge.builder("pipelens_collector_application_last_record_timestamp_seconds", tracked,
              t -> t.lastMillis / 1000.0)
          .description("When a running Spark application last sent a record, in seconds since the epoch")
          .tag("app_id", id)
          .tag(RecordLabels.COMPUTE_TYPE, RecordLabels.computeType(record))
          .tag(RecordLabels.TEAM, teamPriority.team())
          .tag(RecordLabels.PRIORITY, teamPriority.priority())
          .strongReference(true)
          .register(registry);
      return tracked;
    });
  }

  private void forget(String appId) {
    Tracked tracked = running.remove(appId);
    if (tracked != null && tracked.gauge != null) {
      registry.remove(tracked.gauge);
    }
  }

  private void forgetSilent(long now) {
    long oldest = now - FORGET_AFTER.toMillis();
    ended.forgetBefore(oldest);
    for (var entry : running.entrySet()) {
      if (entry.getValue().lastMillis < oldest) {
        log.info("Spark application {} sent nothing for {}; no longer tracked", entry.getKey(), FORGET_AFTER);
        forget(entry.getKey());
      }
    }
  }

  /** Applications tracked now; for tests. */
  int trackedApplications() {
    return running.size();
  }

  private static final class Tracked {
    volatile long lastMillis;
    Gauge gauge;

    Tracked(long lastMillis) {
      this.lastMillis = lastMillis;
    }
  }

  private record FailureKey(String engine, String computeType, RecordLabels.TeamPriority teamPriority) {}
}
