package io.pipelens.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes what a Spark driver and its executors log, from the application's event log: one call per
 * event line, in order, gives the engine lines (Spark's log4j layout {@code yy/MM/dd HH:mm:ss LEVEL
 * Logger: message}) and business lines (the job's JSON) that the event implies, with the event's
 * executor ids, hosts, task ids, durations and, for failed tasks, the exception class, message and
 * stack trace of its {@code TaskEndReason}. So the logs and the replayed application always agree.
 *
 * <p>Events without a time of their own take the last time seen. Not thread-safe; one per
 * application.
 */
public final class SparkLogDeriver {

  static final String DRIVER = "driver";
  private static final DateTimeFormatter LOG4J =
      DateTimeFormatter.ofPattern("yy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String appId;
  private final String businessLogger;
  private long now;
  private final Map<Integer, Integer> finishedPerStage = new HashMap<>();
  private final Map<Integer, Integer> tasksPerStage = new HashMap<>();
  private final Map<Integer, String> stageNames = new HashMap<>();
  private final Set<String> failuresLoggedInFull = new HashSet<>();
  private final Map<String, Integer> duplicates = new HashMap<>();
  private final Set<String> executors = new HashSet<>();

  /** A deriver for {@code appId}, whose job logs as {@code businessLogger}. */
  public SparkLogDeriver(String appId, String businessLogger) {
    this.appId = appId;
    this.businessLogger = businessLogger;
  }

  /** The executors (not the driver) seen so far. */
  public Set<String> executors() {
    return Set.copyOf(executors);
  }

  /** The lines {@code eventLine} implies; none for events nobody logs. */
  public List<DerivedLine> derive(String eventLine) {
    JsonNode event;
    try {
      event = JSON.readTree(eventLine);
    } catch (Exception e) {
      return List.of();
    }
    List<DerivedLine> out = new ArrayList<>();
    String type = event.path("Event").asText();
    switch (type.substring(type.lastIndexOf('.') + 1)) {
      case "SparkListenerLogStart" ->
          engine(out, DRIVER, "INFO", "SparkContext", "Running Spark version " + event.path("Spark Version").asText());
      case "SparkListenerApplicationStart" -> {
        time(event.path("Timestamp"));
        engine(out, DRIVER, "INFO", "SparkContext", "Submitted application: " + event.path("App Name").asText());
        engine(out, DRIVER, "INFO", "SparkContext", "Spark application id: " + appId + ", user "
            + event.path("User").asText());
        business(out, DRIVER, "INFO", "pipeline started", Map.of("spark.app_name", event.path("App Name").asText()));
      }
      case "SparkListenerExecutorAdded" -> {
        time(event.path("Timestamp"));
        String id = event.path("Executor ID").asText();
        JsonNode info = event.path("Executor Info");
        String host = info.path("Host").asText();
        executors.add(id);
        engine(out, DRIVER, "INFO", "KubernetesClusterSchedulerBackend$KubernetesDriverEndpoint",
            "Registered executor NettyRpcEndpointRef(spark-client://Executor) (" + host + ") with ID " + id
                + ", ResourceProfileId 0");
        engine(out, id, "INFO", "CoarseGrainedExecutorBackend", "Successfully registered with driver");
        engine(out, id, "INFO", "Executor", "Starting executor ID " + id + " on host " + host);
        engine(out, id, "INFO", "Executor", "Using " + info.path("Total Cores").asInt(1) + " cores");
      }
      case "SparkListenerExecutorRemoved" -> {
        time(event.path("Timestamp"));
        engine(out, DRIVER, "ERROR", "TaskSchedulerImpl", "Lost executor " + event.path("Executor ID").asText()
            + ": " + event.path("Removed Reason").asText());
      }
      case "SparkListenerBlockManagerAdded" -> {
        time(event.path("Timestamp"));
        JsonNode id = event.path("Block Manager ID");
        long mib = event.path("Maximum Memory").asLong() >> 20;
        engine(out, DRIVER, "INFO", "BlockManagerMasterEndpoint", "Registering block manager " + id.path("Host").asText()
            + ":" + id.path("Port").asInt() + " with " + mib + " MiB RAM, BlockManagerId("
            + id.path("Executor ID").asText() + ", " + id.path("Host").asText() + ", " + id.path("Port").asInt()
            + ", None)");
      }
      case "SparkListenerExecutorBlacklisted", "SparkListenerExecutorExcluded" -> {
        time(event.path("time"));
        engine(out, DRIVER, "INFO", "TaskSetManager", "Executor " + event.path("executorId").asText()
            + " excluded for the application after " + event.path("taskFailures").asInt() + " task failures");
      }
      case "SparkListenerNodeBlacklisted", "SparkListenerNodeExcluded" -> {
        time(event.path("time"));
        engine(out, DRIVER, "WARN", "HealthTracker", "Node " + event.path("hostId").asText()
            + " excluded for the application: " + event.path("executorFailures").asInt() + " executors failed there");
      }
      case "SparkListenerJobStart" -> {
        time(event.path("Submission Time"));
        JsonNode stages = event.path("Stage Infos");
        JsonNode last = stages.isArray() && stages.size() > 0 ? stages.get(stages.size() - 1) : JSON.createObjectNode();
        for (JsonNode stage : stages) {
          stageNames.put(stage.path("Stage ID").asInt(), stage.path("Stage Name").asText());
        }
        engine(out, DRIVER, "INFO", "DAGScheduler", "Got job " + event.path("Job ID").asInt() + " ("
            + last.path("Stage Name").asText() + ") with " + last.path("Number of Tasks").asInt() + " output partitions");
        business(out, DRIVER, "INFO", "step " + event.path("Job ID").asInt() + " started: " + last.path("Stage Name").asText(),
            Map.of());
      }
      case "SparkListenerStageSubmitted" -> {
        JsonNode info = event.path("Stage Info");
        time(info.path("Submission Time"));
        int stage = info.path("Stage ID").asInt();
        int tasks = info.path("Number of Tasks").asInt();
        tasksPerStage.put(stage, tasks);
        stageNames.put(stage, info.path("Stage Name").asText());
        engine(out, DRIVER, "INFO", "DAGScheduler", "Submitting " + tasks + " missing tasks from Stage " + stage
            + " (" + info.path("Stage Name").asText() + ")");
        engine(out, DRIVER, "INFO", "TaskSchedulerImpl", "Adding task set " + stage + "."
            + info.path("Stage Attempt ID").asInt() + " with " + tasks + " tasks");
      }
      case "SparkListenerTaskStart" -> {
        JsonNode task = event.path("Task Info");
        time(task.path("Launch Time"));
        String executor = executorOf(task);
        String name = taskName(event, task);
        engine(out, DRIVER, "INFO", "TaskSetManager", "Starting task " + name + " (" + task.path("Host").asText()
            + ", executor " + executor + ", partition " + task.path("Index").asInt() + ", "
            + task.path("Locality").asText() + ")");
        engine(out, executor, "INFO", "Executor", "Running task " + name);
      }
      case "SparkListenerTaskEnd" -> taskEnd(event, out);
      case "SparkListenerStageCompleted" -> {
        JsonNode info = event.path("Stage Info");
        time(info.path("Completion Time"));
        double seconds = (info.path("Completion Time").asLong() - info.path("Submission Time").asLong()) / 1000.0;
        String stage = "ResultStage " + info.path("Stage ID").asInt() + " (" + info.path("Stage Name").asText() + ")";
        if (info.hasNonNull("Failure Reason")) {
          String reason = info.path("Failure Reason").asText();
          engine(out, DRIVER, "INFO", "DAGScheduler", stage + " failed in " + String.format("%.3f", seconds)
              + " s due to " + firstLine(reason));
        } else {
          engine(out, DRIVER, "INFO", "DAGScheduler", stage + " finished in " + String.format("%.3f", seconds) + " s");
        }
      }
      case "SparkListenerJobEnd" -> {
        time(event.path("Completion Time"));
        int job = event.path("Job ID").asInt();
        JsonNode result = event.path("Job Result");
        if ("JobSucceeded".equals(result.path("Result").asText())) {
          engine(out, DRIVER, "INFO", "DAGScheduler", "Job " + job + " finished");
          business(out, DRIVER, "INFO", "step " + job + " done", Map.of());
        } else {
          String message = result.path("Exception").path("Message").asText();
          engine(out, DRIVER, "INFO", "DAGScheduler", "Job " + job + " failed");
          business(out, DRIVER, "ERROR", "step " + job + " failed: " + firstLine(message),
              Map.of("exception.type", "org.apache.spark.SparkException"));
        }
      }
      case "SparkListenerApplicationEnd" -> {
        time(event.path("Timestamp"));
        for (String executor : executors) {
          engine(out, executor, "INFO", "CoarseGrainedExecutorBackend", "Driver commanded a shutdown");
        }
        engine(out, DRIVER, "INFO", "SparkContext", "Successfully stopped SparkContext");
        business(out, DRIVER, "INFO", "pipeline finished", Map.of());
      }
      default -> { }
    }
    return out;
  }

  private void taskEnd(JsonNode event, List<DerivedLine> out) {
    JsonNode task = event.path("Task Info");
    time(task.path("Finish Time"));
    String executor = executorOf(task);
    String name = taskName(event, task);
    JsonNode reason = event.path("Task End Reason");
    String host = task.path("Host").asText();
    long duration = task.path("Finish Time").asLong() - task.path("Launch Time").asLong();
    int stage = event.path("Stage ID").asInt();
    JsonNode metrics = event.path("Task Metrics");
    switch (reason.path("Reason").asText()) {
      case "Success" -> {
        int done = finishedPerStage.merge(stage, 1, Integer::sum);
        engine(out, executor, "INFO", "Executor", "Finished task " + name + ". " + metrics.path("Result Size").asLong()
            + " bytes result sent to driver");
        engine(out, DRIVER, "INFO", "TaskSetManager", "Finished task " + name + " in " + duration + " ms on " + host
            + " (executor " + executor + ") (" + done + "/" + tasksPerStage.getOrDefault(stage, done) + ")");
        Map<String, Object> fields = new HashMap<>();
        fields.put("partition", task.path("Index").asInt());
        fields.put("stage", stage);
        fields.put("duration_ms", duration);
        fields.put("records_read", metrics.path("Input Metrics").path("Records Read").asLong());
        fields.put("gc_ms", metrics.path("JVM GC Time").asLong());
        business(out, executor, "INFO", "partition " + task.path("Index").asInt() + " of "
            + stageNames.getOrDefault(stage, "stage " + stage) + " done in " + duration + " ms", fields);
      }
      case "ExceptionFailure" -> {
        String className = reason.path("Class Name").asText();
        String description = reason.path("Description").asText();
        String trace = stackTrace(reason, className, description);
        engine(out, executor, "ERROR", "Executor", "Exception in task " + name + "\n" + trace);
        business(out, executor, "ERROR", "partition " + task.path("Index").asInt() + " failed: " + className + ": "
            + description, Map.of("exception.type", className, "partition", task.path("Index").asInt()));
        String key = className + ": " + description;
        if (failuresLoggedInFull.add(key)) {
          engine(out, DRIVER, "WARN", "TaskSetManager", "Lost task " + name + " (" + host + " executor " + executor
              + "): " + trace);
        } else {
          int count = duplicates.merge(key, 1, Integer::sum);
          engine(out, DRIVER, "INFO", "TaskSetManager", "Lost task " + name + " on " + host + ", executor "
              + executor + ": " + className + " (" + description + ") [duplicate " + count + "]");
        }
      }
      default -> engine(out, DRIVER, "WARN", "TaskSetManager", "Lost task " + name + " (" + host + " executor "
          + executor + "): " + reason.path("Reason").asText());
    }
  }

  /** The trace as the JVM prints it: Spark's own text when the event has it, else built from the frames. */
  private static String stackTrace(JsonNode reason, String className, String description) {
    String full = reason.path("Full Stack Trace").asText("");
    if (!full.isBlank()) {
      return full.stripTrailing();
    }
    StringBuilder trace = new StringBuilder(className).append(": ").append(description);
    for (JsonNode frame : reason.path("Stack Trace")) {
      trace.append("\n\tat ").append(frame.path("Declaring Class").asText()).append('.')
          .append(frame.path("Method Name").asText()).append('(').append(frame.path("File Name").asText())
          .append(':').append(frame.path("Line Number").asInt()).append(')');
    }
    return trace.toString();
  }

  private static String executorOf(JsonNode task) {
    String id = task.path("Executor ID").asText();
    return id.equals("<driver>") ? DRIVER : id;
  }

  private static String taskName(JsonNode event, JsonNode task) {
    return task.path("Index").asInt() + "." + task.path("Attempt").asInt() + " in stage " + event.path("Stage ID").asInt()
        + "." + event.path("Stage Attempt ID").asInt() + " (TID " + task.path("Task ID").asLong() + ")";
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private void time(JsonNode millis) {
    if (millis.canConvertToLong() && millis.asLong() > 0) {
      now = Math.max(now, millis.asLong());
    }
  }

  private void engine(List<DerivedLine> out, String executor, String level, String logger, String message) {
    String owner = executor.equals("<driver>") ? DRIVER : executor;
    out.add(new DerivedLine(owner, false, now,
        LOG4J.format(Instant.ofEpochMilli(now)) + " " + level + " " + logger + ": " + message));
  }

  private void business(List<DerivedLine> out, String executor, String level, String message, Map<String, Object> fields) {
    ObjectNode line = JSON.createObjectNode();
    line.put("time", Instant.ofEpochMilli(now).toString());
    line.put("level", level);
    line.put("logger", businessLogger);
    line.put("message", message);
    new java.util.TreeMap<>(fields).forEach((key, value) -> line.putPOJO(key, value));
    try {
      out.add(new DerivedLine(executor.equals("<driver>") ? DRIVER : executor, true, now, JSON.writeValueAsString(line)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
