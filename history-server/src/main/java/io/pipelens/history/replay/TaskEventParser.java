package io.pipelens.history.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads the task events field by field from a streaming parser positioned after the {@code Event}
 * field, into a {@link TaskEvent}; unknown fields are skipped, so newer Spark versions' additions
 * cost nothing. Only a non-{@code Success} end reason, which is rare and irregular, becomes a tree.
 */
final class TaskEventParser {

  private static final String INTERNAL_PREFIX = "internal.metrics.";

  private final ObjectMapper mapper;

  TaskEventParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Reads the rest of the line's object into {@code event}, after {@link TaskEvent#reset()}. */
  void parse(JsonParser parser, TaskEvent event) throws IOException {
    event.reset();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "Stage ID" -> event.stageId = parser.getValueAsInt(-1);
        case "Stage Attempt ID" -> event.stageAttemptId = parser.getValueAsInt(0);
        case "Task Info" -> taskInfo(parser, value, event);
        case "Task End Reason" -> reason(parser, value, event);
        case "Task Metrics" -> event.metrics = taskMetrics(parser, value);
        case "Task Executor Metrics" -> event.executorMetrics = executorMetrics(parser, value);
        default -> parser.skipChildren();
      }
    }
  }

  private void taskInfo(JsonParser parser, JsonToken start, TaskEvent event) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    event.hasTaskInfo = true;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "Task ID" -> event.taskId = parser.getValueAsLong(-1);
        case "Index" -> event.index = parser.getValueAsInt(-1);
        case "Attempt" -> event.attempt = parser.getValueAsInt(0);
        case "Partition ID" -> event.partitionId = parser.getValueAsInt(-1);
        case "Launch Time" -> event.launchTime = parser.getValueAsLong(0);
        case "Getting Result Time" -> event.gettingResultTime = parser.getValueAsLong(0);
        case "Finish Time" -> event.finishTime = parser.getValueAsLong(0);
        case "Executor ID" -> event.executorId = text(parser, value);
        case "Host" -> event.host = text(parser, value);
        case "Locality" -> event.locality = text(parser, value);
        case "Speculative" -> event.speculative = parser.getValueAsBoolean(false);
        case "Failed" -> event.failed = parser.getValueAsBoolean(false);
        case "Killed" -> event.killed = parser.getValueAsBoolean(false);
        case "Accumulables" -> accumulables(parser, value, event);
        default -> parser.skipChildren();
      }
    }
  }

  /** The user-visible accumulables: no Spark-internal metrics, no SQL metrics. */
  private void accumulables(JsonParser parser, JsonToken start, TaskEvent event)
      throws IOException {
    if (start != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      long id = -1;
      String name = null;
      String update = null;
      String value = null;
      boolean internal = false;
      boolean sql = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "ID" -> id = parser.getValueAsLong(-1);
          case "Name" -> name = text(parser, token);
          case "Update" -> update = anyText(parser, token);
          case "Value" -> value = anyText(parser, token);
          case "Internal" -> internal = parser.getValueAsBoolean(false);
          case "Metadata" -> sql = "sql".equals(text(parser, token));
          default -> parser.skipChildren();
        }
      }
      if (update != null) {
        long numeric = numeric(update);
        if (numeric != Long.MIN_VALUE) {
          event.addSqlUpdate(id, numeric);
        }
      }
      if (!internal && !sql && !(name != null && name.startsWith(INTERNAL_PREFIX))) {
        event.accumulables.add(new Accumulable(id, name, update, value));
      }
    }
  }

  /** A decimal integer update as a long; {@code Long.MIN_VALUE} for anything else. */
  static long numeric(String update) {
    int length = update.length();
    if (length == 0 || length > 19) {
      return Long.MIN_VALUE;
    }
    int i = update.charAt(0) == '-' ? 1 : 0;
    if (i == length) {
      return Long.MIN_VALUE;
    }
    for (int j = i; j < length; j++) {
      char c = update.charAt(j);
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
    }
    try {
      return Long.parseLong(update);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private void reason(JsonParser parser, JsonToken start, TaskEvent event) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    JsonNode tree = mapper.readTree(parser);
    event.reasonKind = Json.text(tree, "Reason");
    if (!"Success".equals(event.reasonKind)) {
      event.reason = tree;
    }
  }

  /** The kept metrics of a {@code "Task Metrics"} object; unknown fields and objects skipped. */
  private static long[] taskMetrics(JsonParser parser, JsonToken start) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    long[] values = TaskMetric.zeros();
    metricsObject(parser, null, values);
    return values;
  }

  private static void metricsObject(JsonParser parser, String group, long[] values)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        String nested = TaskMetric.group(field);
        if (nested != null) {
          metricsObject(parser, nested, values);
        } else {
          parser.skipChildren();
        }
      } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
        TaskMetric metric = TaskMetric.at(group, field);
        if (metric != null) {
          values[metric.ordinal()] = parser.getValueAsLong();
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private static long[] executorMetrics(JsonParser parser, JsonToken start) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    long[] values = new long[ExecutorMetricNames.NAMES.size()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      int index = ExecutorMetricNames.indexOf(parser.currentName());
      JsonToken value = parser.nextToken();
      if (index >= 0 && value.isNumeric()) {
        values[index] = parser.getValueAsLong();
      } else {
        parser.skipChildren();
      }
    }
    return values;
  }

  private static String text(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isScalarValue()) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  /** A scalar's text, or a structure's JSON, as Spark shows a non-numeric accumulator value. */
  private String anyText(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isScalarValue()) {
      return parser.getText();
    }
    return mapper.readTree(parser).toString();
  }
}
