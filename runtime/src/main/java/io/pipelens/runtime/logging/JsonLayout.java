package io.pipelens.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import io.pipelens.runtime.internal.JsonStrings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * The machine-readable log format: one compact JSON object per line, with ECS-style field names.
 *
 * <pre>
 * {"@timestamp":"2026-11-28T10:00:00.123Z","log.level":"ERROR","log.logger":"io.pipelens.agent.X",
 *  "process.thread.name":"main","message":"flush failed","pod":"spark-exec-1",
 *  "error.type":"java.io.IOException","error.message":"disk full","error.stack_trace":"java.io..."}
 * </pre>
 *
 * (shown on three lines here; always one line in the output). Fields, in this order:
 *
 * <ul>
 *   <li>{@code @timestamp}: ISO-8601 in UTC with milliseconds
 *   <li>{@code log.level}: {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
 *   <li>{@code log.logger}, {@code process.thread.name}, {@code message}
 *   <li>each MDC entry and SLF4J key-value pair under its own key; a key equal to one of the fixed
 *       field names is dropped, so that every key appears once
 *   <li>with an exception: {@code error.type} (class name), {@code error.message} (when there is
 *       one), {@code error.stack_trace} (with causes, as Java prints it)
 * </ul>
 *
 * <p>Line breaks and other control characters inside values are escaped, so a stack trace or a
 * multi-line message never splits a record.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

  private static final Set<String> FIXED_FIELDS = Set.of("@timestamp", "log.level", "log.logger",
      "process.thread.name", "message", "error.type", "error.message", "error.stack_trace");

  @Override
  public String doLayout(ILoggingEvent event) {
    String message = LogEvents.message(event);
    StringBuilder json = new StringBuilder(192 + message.length());
    json.append("{\"@timestamp\":\"");
    LogEvents.appendTimestamp(json, event);
    json.append('"');
    appendField(json, "log.level", event.getLevel().toString());
    appendField(json, "log.logger", event.getLoggerName());
    appendField(json, "process.thread.name", event.getThreadName());
    appendField(json, "message", message);
    for (Map.Entry<String, Object> entry : LogEvents.context(event).entrySet()) {
      if (!FIXED_FIELDS.contains(entry.getKey())) {
        json.append(',');
        JsonStrings.appendQuoted(json, entry.getKey());
        json.append(':');
        appendValue(json, entry.getValue());
      }
    }
    IThrowableProxy throwable = event.getThrowableProxy();
    if (throwable != null) {
      appendField(json, "error.type", throwable.getClassName());
      if (throwable.getMessage() != null) {
        appendField(json, "error.message", throwable.getMessage());
      }
      appendField(json, "error.stack_trace", LogEvents.stackTrace(throwable));
    }
    return json.append("}\n").toString();
  }

  @Override
  public String getContentType() {
    return "application/x-ndjson";
  }

  private static void appendField(StringBuilder json, String name, String value) {
    json.append(",\"").append(name).append("\":");
    JsonStrings.appendQuoted(json, value);
  }

  /** Numbers and booleans from key-value pairs stay JSON numbers and booleans; all else is a string. */
  private static void appendValue(StringBuilder json, Object value) {
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof BigInteger
        || value instanceof BigDecimal) {
      json.append(value);
    } else if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      json.append(value);
    } else {
      JsonStrings.appendQuoted(json, value == null ? null : String.valueOf(value));
    }
  }
}
