package io.pipelens.launcher.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The first task of a Spark event log that ended in {@code ExceptionFailure}, read from its {@code
 * SparkListenerTaskEnd}: what the executor would have logged about it, and when.
 */
record FailedTask(
    String appId, int stageId, int stageAttemptId, long taskId, String executorId, Instant launch,
    Instant finish, String exceptionClass, String description, List<String> stackTrace) {

  static FailedTask firstIn(Path eventLog) throws IOException {
    ObjectMapper json = new ObjectMapper();
    String appId = null;
    for (String line : Files.readAllLines(eventLog)) {
      JsonNode event = json.readTree(line);
      String type = event.path("Event").asText();
      if (type.equals("SparkListenerApplicationStart")) {
        appId = event.path("App ID").asText();
      }
      JsonNode reason = event.path("Task End Reason");
      if (type.equals("SparkListenerTaskEnd") && reason.path("Reason").asText().equals("ExceptionFailure")) {
        JsonNode info = event.path("Task Info");
        List<String> trace = new java.util.ArrayList<>();
        for (JsonNode frame : reason.path("Stack Trace")) {
          trace.add("\tat " + frame.path("Declaring Class").asText() + "." + frame.path("Method Name").asText()
              + "(" + frame.path("File Name").asText() + ":" + frame.path("Line Number").asInt() + ")");
        }
        return new FailedTask(appId, event.path("Stage ID").asInt(), event.path("Stage Attempt ID").asInt(),
            info.path("Task ID").asLong(), info.path("Executor ID").asText(),
            Instant.ofEpochMilli(info.path("Launch Time").asLong()),
            Instant.ofEpochMilli(info.path("Finish Time").asLong()),
            reason.path("Class Name").asText(), reason.path("Description").asText(), trace);
      }
    }
    throw new IllegalArgumentException("no failed task in " + eventLog);
  }

  /** The first line of the exception as Spark's executor logs it. */
  String exceptionLine() {
    return exceptionClass + ": " + description;
  }
}
