package io.pipelens.agent.process.parse;

import io.pipelens.core.record.AttributeNames;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a record that is one JSON object, with Jackson's streaming parser (no tree).
 *
 * <p>{@link Layout#GENERIC}, a business log written as JSON lines: {@code message} or {@code msg}
 * is the body, {@code level} or {@code severity} the severity, {@code time}, {@code timestamp} or
 * {@code @timestamp} the timestamp (a string in {@code time_format}, or epoch seconds, milliseconds,
 * microseconds or nanoseconds as a number); every other field is an attribute of its own name,
 * nested objects as key-value lists and arrays as arrays. A record without a message keeps its whole
 * text as the body.
 *
 * <p>{@link Layout#SPARK}, Spark's structured JSON layout ({@code
 * spark.log.structuredLogging.enabled}): {@code ts}, {@code level}, {@code msg}, {@code logger} (to
 * {@code log.logger}), the entries of {@code context} (the MDC) as attributes, and {@code exception}
 * as {@code exception.type} with its stack trace appended to the body.
 */
final class JsonLogParser implements RecordParser {

  /** Which field names mean what. */
  enum Layout {
    GENERIC,
    SPARK
  }

  private static final JsonFactory JSON = JsonFactory.builder()
      // A log line is never legitimately deeper than this; a hostile one must not blow the stack.
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build();

  private final Layout layout;
  private final TimeFormat timeFormat;

  JsonLogParser(Layout layout, TimeFormat timeFormat) {
    this.layout = layout;
    this.timeFormat = timeFormat;
  }

  @Override
  public boolean parse(String text, ParsedRecord into) {
    if (!looksLikeObject(text)) {
      return false;
    }
    try (JsonParser json = JSON.createParser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      String message = null;
      String stackTrace = null;
      JsonToken token;
      while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        if (layout == Layout.SPARK) {
          switch (name) {
            case "msg":
              message = scalarText(json, value);
              continue;
            case "level":
              level(json, value, into);
              continue;
            case "ts":
              time(json, value, into);
              continue;
            case "logger":
              into.put(AttributeNames.LOG_LOGGER, scalarText(json, value));
              continue;
            case "context":
              if (value == JsonToken.START_OBJECT) {
                flattenInto(json, into);
                continue;
              }
              break;
            case "exception":
              if (value == JsonToken.START_OBJECT) {
                stackTrace = exception(json, into);
                continue;
              }
              break;
            default:
              break;
          }
        } else {
          switch (name) {
            case "message":
            case "msg":
              if (message == null && value == JsonToken.VALUE_STRING) {
                message = json.getText();
                continue;
              }
              break;
            case "level":
            case "severity":
              if (into.severityText().isEmpty()) {
                level(json, value, into);
                continue;
              }
              break;
            case "time":
            case "timestamp":
            case "@timestamp":
              if (into.timestampNanos() == 0) {
                time(json, value, into);
                continue;
              }
              break;
            default:
              break;
          }
        }
        into.put(name, value(json, value));
      }
      if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
        return false;
      }
      if (message == null) {
        into.body(text);
      } else {
        into.body(stackTrace == null ? message : message + '\n' + stackTrace);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      // Malformed JSON is the caller's "does not parse"; Jackson reports it as an exception.
      return false;
    }
  }

  private static boolean looksLikeObject(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return c == '{';
      }
    }
    return false;
  }

  private void time(JsonParser json, JsonToken value, ParsedRecord into) throws IOException {
    long nanos;
    if (value == JsonToken.VALUE_STRING) {
      nanos = timeFormat.parse(json.getText());
    } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      JsonParser.NumberType type = json.getNumberType();
      nanos = type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
          ? epochNanos(json.getLongValue())
          : Timestamps.epochNanosFromNumber(json.getDoubleValue());
    } else {
      json.skipChildren();
      nanos = Timestamps.INVALID;
    }
    if (nanos == Timestamps.INVALID) {
      into.markIncomplete();
    } else {
      into.timestampNanos(nanos);
    }
  }

  // Integer epochs stay exact: nanoseconds do not survive a double.
  private static long epochNanos(long value) {
    long magnitude = Math.abs(value);
    if (magnitude < 100_000_000_000L) {
      return value * 1_000_000_000L;
    } else if (magnitude < 100_000_000_000_000L) {
      return value * 1_000_000L;
    } else if (magnitude < 100_000_000_000_000_000L) {
      return value * 1_000L;
    }
    return value;
  }

  private static void level(JsonParser json, JsonToken value, ParsedRecord into) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT) {
      int number = json.getIntValue();
      into.level(json.getText(), number >= 1 && number <= 24 ? Severity.fromNumber(number) : Severity.UNSPECIFIED);
    } else if (value == JsonToken.VALUE_STRING) {
      into.level(json.getText());
    } else {
      json.skipChildren();
    }
  }

  // Spark's context (the MDC) holds flat strings; each becomes an attribute of its own.
  private static void flattenInto(JsonParser json, ParsedRecord into) throws IOException {
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      JsonToken value = json.nextToken();
      if (value != JsonToken.VALUE_NULL) {
        into.put(name, value(json, value));
      }
    }
  }

  // {"class": ..., "msg": ..., "stacktrace": "..." or [{"class","method","file","line"}, ...]}
  private static String exception(JsonParser json, ParsedRecord into) throws IOException {
    String type = null;
    String message = null;
    StringBuilder trace = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      JsonToken value = json.nextToken();
      if (name.equals("class") && value == JsonToken.VALUE_STRING) {
        type = json.getText();
      } else if (name.equals("msg") && value == JsonToken.VALUE_STRING) {
        message = json.getText();
      } else if (name.equals("stacktrace") && value == JsonToken.VALUE_STRING) {
        trace = new StringBuilder(json.getText());
      } else if (name.equals("stacktrace") && value == JsonToken.START_ARRAY) {
        trace = new StringBuilder();
        while (json.nextToken() == JsonToken.START_OBJECT) {
          frame(json, trace);
        }
      } else {
        json.skipChildren();
      }
    }
    if (type != null) {
      into.put(AttributeNames.EXCEPTION_TYPE, type);
    }
    StringBuilder text = new StringBuilder();
    if (type != null) {
      text.append(type);
      if (message != null) {
        text.append(": ").append(message);
      }
    } else if (message != null) {
      text.append(message);
    }
    if (trace != null && trace.length() > 0) {
      if (text.length() > 0 && trace.charAt(0) != '\n') {
        text.append('\n');
      }
      text.append(trace);
    }
    return text.length() == 0 ? null : text.toString();
  }

  private static void frame(JsonParser json, StringBuilder trace) throws IOException {
    String className = "";
    String method = "";
    String file = null;
    String line = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      JsonToken value = json.nextToken();
      String text = value.isScalarValue() && value != JsonToken.VALUE_NULL ? json.getText() : null;
      if (text == null) {
        json.skipChildren();
        continue;
      }
      switch (name) {
        case "class":
          className = text;
          break;
        case "method":
          method = text;
          break;
        case "file":
          file = text;
          break;
        case "line":
          line = text;
          break;
        default:
          break;
      }
    }
    trace.append("\n\tat ").append(className).append('.').append(method).append('(');
    trace.append(file == null ? "Unknown Source" : file);
    if (line != null) {
      trace.append(':').append(line);
    }
    trace.append(')');
  }

  private static String scalarText(JsonParser json, JsonToken value) throws IOException {
    if (value.isScalarValue()) {
      return json.getText();
    }
    json.skipChildren();
    return "";
  }

  // The value the parser is on, as an AnyValue; consumes it, including any children.
  private static AnyValue value(JsonParser json, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return AnyValue.of(json.getText());
      case VALUE_TRUE:
        return AnyValue.of(true);
      case VALUE_FALSE:
        return AnyValue.of(false);
      case VALUE_NUMBER_INT:
        return json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? AnyValue.of(json.getText())
            : AnyValue.of(json.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return AnyValue.of(json.getDoubleValue());
      case START_OBJECT: {
        Attributes.Builder entries = Attributes.builder();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          JsonToken value = json.nextToken();
          if (value != JsonToken.VALUE_NULL) {
            entries.put(name, value(json, value));
          }
        }
        return AnyValue.of(entries.build());
      }
      case START_ARRAY: {
        List<AnyValue> items = new ArrayList<>();
        JsonToken item;
        while ((item = json.nextToken()) != JsonToken.END_ARRAY) {
          items.add(item == JsonToken.VALUE_NULL ? AnyValue.empty() : value(json, item));
        }
        return AnyValue.of(items);
      }
      default:
        return AnyValue.of(json.getText());
    }
  }
}
