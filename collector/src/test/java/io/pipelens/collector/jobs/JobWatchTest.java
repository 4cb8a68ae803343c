package io.pipelens.collector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobWatchTest {

  static final String START = "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"clean\","
      + "\"App ID\":\"app-1\",\"Timestamp\":1700000000000,\"User\":\"spark\"}";
  static final String JOB_SUCCEEDED = "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,"
      + "\"Completion Time\":1700000001000,\"Job Result\":{\"Result\":\"JobSucceeded\"}}";
  // The shape of Spark's own log (core/src/test/resources/spark-events), the stack trace shortened.
  static final String JOB_FAILED = "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":1,"
      + "\"Completion Time\":1700000002000,\"Job Result\":{\"Result\":\"JobFailed\",\"Exception\":"
      + "{\"Message\":\"Job aborted due to stage failure\",\"Stack Trace\":[]}}}";
  // A task failing mentions JobFailed nowhere in its result; a message mentioning it is no failure.
  static final String TASK_END = "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":2,"
      + "\"Task End Reason\":{\"Reason\":\"ExceptionFailure\",\"Description\":\"JobFailed in user code\"}}";
  static final String APP_END = "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":1700000003000}";
  static final String RAY_FAILED = "{\"event_id\":\"e1\",\"source_type\":\"EXPORT_SUBMISSION_JOB\","
      + "\"timestamp\":1725000000,\"event_data\":{\"submission_job_id\":\"raysubmit_1\",\"status\": \"FAILED\","
      + "\"message\":\"Job entrypoint command failed with exit code 1\"}}";
  static final String RAY_RUNNING = "{\"event_id\":\"e0\",\"source_type\":\"EXPORT_SUBMISSION_JOB\","
      + "\"timestamp\":1725000000,\"event_data\":{\"submission_job_id\":\"raysubmit_1\",\"status\":\"RUNNING\","
      + "\"message\":\"FAILED is not the status here\"}}";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final JobWatch watch = new JobWatch(registry, clock);

  @Test
  void countsFailedSparkJobsByTeamAndPriorityAndNotSucceededOnes() {
    Resource driver = driver("app-1", "fixed", "search", "high");
    watch.observe(List.of(event(driver, START), event(driver, JOB_SUCCEEDED), event(driver, TASK_END),
        event(driver, JOB_FAILED)));

    assertThat(failed("spark", "fixed", "search", "high")).isEqualTo(1);
    assertThat(registry.find("pipelens_collector_jobs_failed").counters()).hasSize(1);
  }

  @Test
  void aFailedJobLineInAnEngineLogIsNotAnEvent() {
    Resource driver = driver("app-1", "fixed", "search", "high");
    watch.observe(List.of(record(driver, "engine", JOB_FAILED)));

    assertThat(registry.find("pipelens_collector_jobs_failed").counters()).isEmpty();
    assertThat(watch.trackedApplications()).isZero();
  }

  @Test
  void countsRayJobsThatFailedOnly() {
    Resource head = Resource.of(Attributes.builder().put(AttributeNames.PIPELENS_COMPUTE_TYPE, "serverless")
        .put(AttributeNames.PIPELENS_TEAM, "vision").build());
    watch.observe(List.of(event(head, RAY_RUNNING), event(head, RAY_FAILED)));

    assertThat(failed("ray", "serverless", "vision", "none")).isEqualTo(1);
    assertThat(registry.find("pipelens_collector_jobs_failed").counters()).hasSize(1);
  }

  @Test
  void aRunningApplicationReportsItsLastRecordUntilItEnds() {
    Resource driver = driver("app-1", "serverless", "search", "high");
    Resource executor = driver("app-1", "serverless", "search", "high");
    watch.observe(List.of(record(driver, "business", "before the event log: not tracked yet")));
    assertThat(lastRecord("app-1")).isNull();

    watch.observe(List.of(event(driver, START)));
    assertThat(lastRecord("app-1").value()).isEqualTo(clock.millis() / 1000.0);
    assertThat(lastRecord("app-1").getId().getTag("team")).isEqualTo("search");
    assertThat(lastRecord("app-1").getId().getTag("priority")).isEqualTo("high");
    assertThat(lastRecord("app-1").getId().getTag("compute_type")).isEqualTo("serverless");

    clock.advance(Duration.ofMinutes(7));
    watch.observe(List.of(record(executor, "engine", "INFO Executor: Finished task 3.0")));
    assertThat(lastRecord("app-1").value()).isEqualTo(clock.millis() / 1000.0);

    clock.advance(Duration.ofMinutes(30));
    assertThat(lastRecord("app-1").value()).as("no record: the timestamp stays, which the stalled alert reads")
        .isEqualTo(clock.millis() / 1000.0 - 30 * 60);

    watch.observe(List.of(event(driver, APP_END)));
    assertThat(lastRecord("app-1")).isNull();
    assertThat(watch.trackedApplications()).isZero();
  }

  @Test
  void aFailedJobSparkWritesAfterTheApplicationEndCountsButDoesNotTrackTheEndedApplicationAgain() {
    // Spark 4.1 wrote this order in a real run: the scheduler posts the failed job's end while the
    // driver, told of the failure, already stopped the context.
    Resource driver = driver("app-1", "fixed", "search", "high");
    watch.observe(List.of(event(driver, START), event(driver, APP_END), event(driver, JOB_FAILED)));

    assertThat(failed("spark", "fixed", "search", "high")).isEqualTo(1);
    assertThat(lastRecord("app-1")).as("ended: no stalled alert for it").isNull();
    assertThat(watch.trackedApplications()).isZero();

    // Another attempt of it (YARN keeps the id) is tracked again, from its start.
    watch.observe(List.of(event(driver, TASK_END)));
    assertThat(lastRecord("app-1")).isNull();
    watch.observe(List.of(event(driver, START)));
    assertThat(lastRecord("app-1")).isNotNull();
  }

  @Test
  void endedApplicationsAreRememberedUpToTheirLimitOldestForgottenFirst() {
    EndedApplications ended = new EndedApplications(3);
    for (int i = 1; i <= 4; i++) {
      ended.add("app-" + i, i * 1000L);
    }
    assertThat(ended.size()).isEqualTo(3);
    assertThat(ended.contains("app-1")).isFalse();
    assertThat(ended.contains("app-4")).isTrue();
    ended.forgetBefore(3500);
    assertThat(ended.contains("app-3")).isFalse();
    assertThat(ended.contains("app-4")).isTrue();
  }

  @Test
  void anApplicationSilentForADayIsForgotten() {
    watch.observe(List.of(event(driver("app-1", "fixed", "t", "p"), START)));
    clock.advance(JobWatch.FORGET_AFTER.plusMinutes(2));
    watch.observe(List.of(event(driver("app-2", "fixed", "t", "p"), START)));

    assertThat(lastRecord("app-1")).isNull();
    assertThat(lastRecord("app-2")).isNotNull();
  }

  @Test
  void tracksAtMostTheLimitAndCountsTheRest() {
    List<LogRecord> starts = new ArrayList<>();
    for (int i = 0; i < JobWatch.MAX_TRACKED_APPLICATIONS + 5; i++) {
      starts.add(event(driver("app-" + i, "fixed", "t", "p"), START));
    }
    watch.observe(starts);

    assertThat(watch.trackedApplications()).isEqualTo(JobWatch.MAX_TRACKED_APPLICATIONS);
    assertThat(registry.find("pipelens_collector_application_last_record_timestamp_seconds").gauges())
        .hasSize(JobWatch.MAX_TRACKED_APPLICATIONS);
    assertThat(registry.get("pipelens_collector_untracked_applications").counter().count()).isEqualTo(5);
  }

  private double failed(String engine, String computeType, String team, String priority) {
    Counter counter = registry.find("pipelens_collector_jobs_failed")
        .tags("engine", engine, "compute_type", computeType, "team", team, "priority", priority).counter();
    return counter == null ? 0 : counter.count();
  }

  private Gauge lastRecord(String appId) {
    return registry.find("pipelens_collector_application_last_record_timestamp_seconds").tag("app_id", appId).gauge();
  }

  static Resource driver(String appId, String computeType, String team, String priority) {
    return Resource.of(Attributes.builder()
        .put(AttributeNames.SPARK_APP_ID, appId)
        .put(AttributeNames.PIPELENS_COMPUTE_TYPE, computeType)
        .put(AttributeNames.PIPELENS_TEAM, team)
        .put(AttributeNames.PIPELENS_PRIORITY, priority)
        .build());
  }

  static LogRecord event(Resource resource, String line) {
    return record(resource, "event", line);
  }

  static LogRecord record(Resource resource, String stream, String line) {
    return LogRecord.builder().resource(resource)
        .attributes(Attributes.builder().put(AttributeNames.PIPELENS_STREAM, stream).build())
        .body(line).build();
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
