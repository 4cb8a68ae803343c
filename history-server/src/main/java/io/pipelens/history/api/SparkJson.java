package io.pipelens.history.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes Spark's {@code ApplicationInfo}, {@code ApplicationAttemptInfo} and {@code VersionInfo} as
 * Spark's REST API does: Jackson's default pretty printer ({@code INDENT_OUTPUT}), fields in
 * Spark's order, and absent rather than null for values Spark leaves empty ({@code NON_ABSENT}):
 * {@code attemptId} without attempts, {@code name} and {@code sparkUser} when the log had none, and
 * the executor-sizing fields {@code coresGranted}, {@code maxCores}, {@code coresPerExecutor},
 * {@code memoryPerExecutorMB}, which the history server never knows.
 */
final class SparkJson {

  private final JsonFactory factory = new JsonFactory();

  void writeApplications(OutputStream out, List<ApplicationSummary> applications)
      throws IOException {
    try (JsonGenerator json = open(out)) {
      json.writeStartArray();
      for (ApplicationSummary app : applications) {
        application(json, app);
      }
      json.writeEndArray();
    }
  }

  void writeApplication(OutputStream out, ApplicationSummary app) throws IOException {
    try (JsonGenerator json = open(out)) {
      application(json, app);
    }
  }

  void writeAttempt(OutputStream out, AttemptSummary attempt) throws IOException {
    try (JsonGenerator json = open(out)) {
      attempt(json, attempt);
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

  private static void application(JsonGenerator json, ApplicationSummary app) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", app.id());
    optionalString(json, "name", app.name());
    json.writeArrayFieldStart("attempts");
    for (AttemptSummary attempt : app.attempts()) {
      attempt(json, attempt);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void attempt(JsonGenerator json, AttemptSummary attempt) throws IOException {
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
    json.writeEndObject();
  }

  private static void optionalString(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
