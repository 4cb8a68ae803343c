package io.pipelens.history.replay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The error message Spark's REST API shows for a task that did not succeed: what Spark's {@code
 * TaskEndReason.toErrorString} prints for each reason in the event log.
 */
final class TaskEndReasons {

  private TaskEndReasons() {}

  /** The message for a {@code "Task End Reason"}; null for {@code Success}. */
  static String errorMessage(JsonNode reason) {
    String kind = Json.text(reason, "Reason");
    if (kind == null || kind.equals("Success")) {
      return null;
    }
    return switch (kind) {
      case "TaskKilled" -> orDefault(Json.text(reason, "Kill Reason"), "unknown reason");
      case "ExceptionFailure" -> exceptionFailure(reason);
      case "ExecutorLostFailure" -> executorLost(reason);
      case "FetchFailed" -> fetchFailed(reason);
      case "TaskResultLost" -> "TaskResultLost (result lost from block manager)";
      case "Resubmitted" -> "Resubmitted (resubmitted due to lost executor)";
      case "TaskCommitDenied" ->
          "TaskCommitDenied (Driver denied task commit) for job: "
              + Json.longOr(reason, "Job ID", -1)
              + ", partition: "
              + Json.longOr(reason, "Partition ID", -1)
              + ", attemptNumber: "
              + Json.longOr(reason, "Attempt Number", -1);
      default -> "UnknownReason";
    };
  }

  private static String exceptionFailure(JsonNode reason) {
    String full = Json.text(reason, "Full Stack Trace");
    if (full != null) {
      return full;
    }
    StringBuilder text = new StringBuilder();
    text.append(Json.text(reason, "Class Name"))
        .append(": ")
        .append(orDefault(Json.text(reason, "Description"), ""))
        .append('\n');
    JsonNode trace = reason.get("Stack Trace");
    if (trace != null && trace.isArray()) {
      boolean first = true;
      for (JsonNode element : trace) {
        if (!first) {
          text.append('\n');
        }
        first = false;
        text.append("        ").append(stackTraceElement(element));
      }
    }
    return text.toString();
  }

  /** What {@link StackTraceElement#toString()} prints for a logged frame. */
  private static String stackTraceElement(JsonNode element) {
    String file = Json.text(element, "File Name");
    long line = Json.longOr(element, "Line Number", -1);
    String where;
    if (line == -2) {
      where = "Native Method";
    } else if (file == null) {
      where = "Unknown Source";
    } else if (line >= 0) {
      where = file + ":" + line;
    } else {
      where = file;
    }
    return Json.text(element, "Declaring Class")
        + "."
        + Json.text(element, "Method Name")
        + "("
        + where
        + ")";
  }

  private static String executorLost(JsonNode reason) {
    boolean causedByApp = Json.boolOr(reason, "Exit Caused By App", true);
    String lossReason = Json.text(reason, "Loss Reason");
    return "ExecutorLostFailure (executor "
        + Json.text(reason, "Executor ID")
        + " exited "
        + (causedByApp ? "caused by one of the running tasks" : "unrelated to the running tasks")
        + ")"
        + (lossReason == null ? "" : " Reason: " + lossReason);
  }

  private static String fetchFailed(JsonNode reason) {
    JsonNode bm = reason.get("Block Manager Address");
    String address =
        bm == null || bm.isNull()
            ? "null"
            : "BlockManagerId("
                + Json.text(bm, "Executor ID")
                + ", "
                + Json.text(bm, "Host")
                + ", "
                + Json.longOr(bm, "Port", 0)
                + ", None)";
    return "FetchFailed("
        + address
        + ", shuffleId="
        + Json.longOr(reason, "Shuffle ID", -1)
        + ", mapIndex="
        + Json.longOr(reason, "Map Index", -1)
        + ", mapId="
        + Json.longOr(reason, "Map ID", -1)
        + ", reduceId="
        + Json.longOr(reason, "Reduce ID", -1)
        + ", message=\n"
        + Json.text(reason, "Message")
        + "\n)";
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
