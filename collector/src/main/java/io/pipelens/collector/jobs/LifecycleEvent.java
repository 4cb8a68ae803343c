package io.pipelens.collector.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The event-log lines that say a job started, ended or failed. Spark's event log is JSON, one event
 * per line, with {@code "Event"} written first; Ray's export events ({@code
 * event_EXPORT_SUBMISSION_JOB.log}) are JSON lines with {@code source_type} and {@code
 * event_data.status}. Only lines that pass a cheap prefix or substring test are parsed, so the
 * thousands of task events of a Spark application cost a {@code startsWith} each.
 */
enum LifecycleEvent {
  /** {@code SparkListenerApplicationStart}: an application, or another attempt of it, begins. */
  SPARK_APPLICATION_START,
  /** A Spark event other than the application's start and end: the application runs. */
  SPARK_RUNNING,
  /** {@code SparkListenerJobEnd} with {@code "Result":"JobFailed"}. */
  SPARK_JOB_FAILED,
  /** {@code SparkListenerApplicationEnd}. */
  SPARK_APPLICATION_END,
  /** A Ray submission job whose status became {@code FAILED}. */
  RAY_JOB_FAILED,
  /** Anything else. */
  NONE;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPARK_PREFIX = "{\"Event\":\"SparkListener";
  private static final String JOB_END = "JobEnd\"";
  private static final String APPLICATION_END = "ApplicationEnd\"";
  private static final String APPLICATION_START = "ApplicationStart\"";
  private static final String RAY_SUBMISSION_JOB = "EXPORT_SUBMISSION_JOB";

  /** What {@code line}, the body of an event-stream record, says. */
  static LifecycleEvent of(String line) {
    if (line == null) {
      return NONE;
    }
    if (line.startsWith(SPARK_PREFIX)) {
      int name = SPARK_PREFIX.length();
      if (line.startsWith(APPLICATION_END, name)) {
        return SPARK_APPLICATION_END;
      }
      if (line.startsWith(APPLICATION_START, name)) {
        return SPARK_APPLICATION_START;
      }
      if (line.startsWith(JOB_END, name) && line.contains("JobFailed")) {
        JsonNode event = parse(line);
        return event != null && "JobFailed".equals(event.path("Job Result").path("Result").asText())
            ? SPARK_JOB_FAILED : SPARK_RUNNING;
      }
      return SPARK_RUNNING;
    }
    if (line.contains(RAY_SUBMISSION_JOB) && line.contains("FAILED")) {
      JsonNode event = parse(line);
      if (event != null && RAY_SUBMISSION_JOB.equals(event.path("source_type").asText())
          && "FAILED".equals(event.path("event_data").path("status").asText())) {
        return RAY_JOB_FAILED;
      }
    }
    return NONE;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null; // a corrupt line says nothing; the archive and history server count it
    }
  }
}
