package io.pipelens.history.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptState;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.listing.Liveness;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/**
 * Writes Spark's {@code ApplicationInfo}, {@code ApplicationAttemptInfo} and {@code VersionInfo} as
 * Spark's REST API does: Jackson's default pretty printer ({@code INDENT_OUTPUT}), fields in
 * Spark's order, and absent rather than null for values Spark leaves empty ({@code NON_ABSENT}):
 * {@code attemptId} without attempts, {@code name} and {@code sparkUser} when the log had none, and
 * the executor-sizing fields {@code coresGranted}, {@code maxCores}, {@code coresPerExecutor},
 * {@code memoryPerExecutorMB}, which the history server never knows. One field is added: {@code
 * "abandoned": true} on an attempt that is {@link AttemptState#ABANDONED} ({@code completed} stays
 * {@code false}, as Spark would show it).
 */
final class SparkJson {

  private final JsonFactory factory = new JsonFactory();

  private final Liveness liveness;
  private final Clock clock;

  /** A writer that never shows attempts as abandoned. */
  SparkJson() {
    this(Liveness.NEVER_ABANDONED, Clock.systemUTC());
  }

  /**
   * @param liveness decides which attempts without an end event are abandoned
   * @param clock the time it decides at
   */
  SparkJson(Liveness liveness, Clock clock) {
    this.liveness = liveness;
    this.clock = clock;
  }

  void writeApplications(OutputStream out, List<ApplicationSummary> applications)
      throws IOException {
    long now = clock.millis();
    try (JsonGenerator json = open(out)) {
      json.writeStartArray();
      for (ApplicationSummary app : applications) {
        application(json, app, now);
      }
      json.writeEndArray();
    }
  }

  void writeApplication(OutputStream out, ApplicationSummary app) throws IOException {
    try (JsonGenerator json = open(out)) {
      application(json, app, clock.millis());
    }
  }

  void writeAttempt(OutputStream out, AttemptSummary attempt) throws IOException {
    try (JsonGenerator json = open(out)) {
      attempt(json, attempt, clock.millis());
    }
  }

  void writeVersion(OutputStream out, String sparkVersion) throws IOException {
    try (JsonGenerator json = open(out)) {
      json.writeStartObject();
      json.writeStringField("spark", sparkVersion);
      json.writeEndObject();
    }
  }

  private JsonGenerator open(OutputStream out) throws IOException {
    JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8);
    json.setPrettyPrinter(new DefaultPrettyPrinter());
    return json;
  }

  private void application(JsonGenerator json, ApplicationSummary app, long now)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", app.id());
    optionalString(json, "name", app.name());
    json.writeArrayFieldStart("attempts");
    for (AttemptSummary attempt : app.attempts()) {
      attempt(json, attempt, now);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void attempt(JsonGenerator json, AttemptSummary attempt, long now) throws IOException {
    json.writeStartObject();
    optionalString(json, "attemptId", attempt.attemptId());
    json.writeStringField("startTime", SparkDates.format(attempt.startTime()));
    json.writeStringField("endTime", SparkDates.format(attempt.endTime()));
    json.writeStringField("lastUpdated", SparkDates.format(attempt.lastUpdated()));
    json.writeNumberField("duration", attempt.duration());
    optionalString(json, "sparkUser", attempt.sparkUser());
    json.writeBooleanField("completed", attempt.completed());
    json.writeStringField("appSparkVersion", attempt.appSparkVersion());
    json.writeNumberField("endTimeEpoch", attempt.endTime());
    json.writeNumberField("startTimeEpoch", attempt.startTime());
    json.writeNumberField("lastUpdatedEpoch", attempt.lastUpdated());
    if (liveness.state(attempt, now) == AttemptState.ABANDONED) {
      // Added field, present only when true, so Spark's shape is unchanged otherwise.
      json.writeBooleanField("abandoned", true);
    }
    json.writeEndObject();
  }

  private static void optionalString(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
