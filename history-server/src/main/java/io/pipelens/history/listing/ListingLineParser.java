package io.pipelens.history.listing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads one event log line with a streaming parser, building no tree: fields are read only for the
 * three events the listing needs, and, unless asked to validate, a line is abandoned as soon as its
 * {@code Event} name shows it is something else. Spark writes {@code Event} first, so a 60 KB
 * {@code SparkListenerEnvironmentUpdate} costs a few dozen bytes of parsing.
 *
 * <p>Thread-safe ({@link JsonFactory} is).
 */
final class ListingLineParser {

  private static final String LOG_START = "SparkListenerLogStart";
  private static final String APPLICATION_START = "SparkListenerApplicationStart";
  private static final String APPLICATION_END = "SparkListenerApplicationEnd";
  private static final String ENVIRONMENT_UPDATE = "SparkListenerEnvironmentUpdate";
  private static final String JOB_END = "SparkListenerJobEnd";
  private static final String TASK_END = "SparkListenerTaskEnd";

  private final JsonFactory factory;

  ListingLineParser(JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * Parses {@code length} bytes at {@code offset}.
   *
   * @param validate read the whole line even when it is an uninteresting event, so that a cut-off
   *     line shows up as {@link ListingEvent.Malformed}
   */
  ListingEvent parse(byte[] bytes, int offset, int length, boolean validate) {
    return parse(bytes, offset, length, validate, false);
  }

  /**
   * Parses {@code length} bytes at {@code offset}; with {@code coreOnly}, only the log start and the
   * application's start and end are read, every other event is {@link ListingEvent#OTHER}. That is
   * how a cut prefix of an oversized line is judged: a lost environment or task end costs labels
   * or counts, which the listing then reports as unknown, but never the application.
   */
  ListingEvent parse(byte[] bytes, int offset, int length, boolean validate, boolean coreOnly) {
    try (JsonParser parser = factory.createParser(bytes, offset, length)) {
      return read(parser, validate, coreOnly);
    } catch (JsonProcessingException e) {
      return new ListingEvent.Malformed(firstLine(String.valueOf(e.getOriginalMessage())));
    } catch (IOException e) {
      // A byte-array parser does no I/O; anything else it throws is still about the input.
      return new ListingEvent.Malformed(e.toString());
    }
  }

  private static ListingEvent read(JsonParser parser, boolean validate, boolean coreOnly)
      throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return new ListingEvent.Malformed("not a JSON object");
    }
    String event = null;
    String sparkVersion = null;
    String appName = null;
    String appId = null;
    String user = null;
    String attemptId = null;
    Long timestamp = null;
    Integer exitCode = null;
    java.util.Map<String, String> properties = null;
    String jobResult = null;
    String taskEndReason = null;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "Event":
          event = scalarText(parser, value);
          if (event == null) {
            return new ListingEvent.Malformed("Event is not a string");
          }
          if (coreOnly && !isCoreEvent(event)) {
            return ListingEvent.OTHER;
          }
          if (!validate && !isListingEvent(event)) {
            return ListingEvent.OTHER;
          }
          break;
        case "Spark Version":
          sparkVersion = scalarText(parser, value);
          break;
        case "App Name":
          appName = scalarText(parser, value);
          break;
        case "App ID":
          appId = scalarText(parser, value);
          break;
        case "User":
          user = scalarText(parser, value);
          break;
        case "App Attempt ID":
          attemptId = scalarText(parser, value);
          break;
        case "Timestamp":
          timestamp = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
          parser.skipChildren();
          break;
        case "ExitCode":
          exitCode = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
          parser.skipChildren();
          break;
        case "Spark Properties":
          properties = ENVIRONMENT_UPDATE.equals(event) ? wantedProperties(parser, value) : skip(parser);
          break;
        case "Job Result":
          jobResult = JOB_END.equals(event) ? field(parser, value, "Result") : skip(parser);
          break;
        case "Task End Reason":
          if (!TASK_END.equals(event)) {
            parser.skipChildren();
            break;
          }
          taskEndReason = field(parser, value, "Reason");
          if (!validate && taskEndReason != null) {
            // The rest of the line (task info, metrics: kilobytes) says nothing the listing keeps.
            return new ListingEvent.TaskEnd(taskFailed(taskEndReason));
          }
          break;
        default:
          parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      return new ListingEvent.Malformed("unexpected " + token);
    }
    if (parser.nextToken() != null) {
      return new ListingEvent.Malformed("more than one JSON value on the line");
    }
    if (event == null) {
      return new ListingEvent.Malformed("no Event field");
    }
    switch (event) {
      case LOG_START:
        return sparkVersion == null
            ? new ListingEvent.Malformed("SparkListenerLogStart without Spark Version")
            : new ListingEvent.LogStart(sparkVersion);
      case APPLICATION_START:
        return timestamp == null
            ? new ListingEvent.Malformed("SparkListenerApplicationStart without Timestamp")
            : new ListingEvent.ApplicationStart(appName, appId, timestamp, user, attemptId);
      case APPLICATION_END:
        return timestamp == null
            ? new ListingEvent.Malformed("SparkListenerApplicationEnd without Timestamp")
            : new ListingEvent.ApplicationEnd(timestamp, exitCode);
      case ENVIRONMENT_UPDATE:
        return new ListingEvent.Environment(properties == null ? java.util.Map.of() : properties);
      case JOB_END:
        return new ListingEvent.JobEnd("JobFailed".equals(jobResult));
      case TASK_END:
        return taskEndReason == null
            ? new ListingEvent.Malformed("SparkListenerTaskEnd without Task End Reason")
            : new ListingEvent.TaskEnd(taskFailed(taskEndReason));
      default:
        return ListingEvent.OTHER;
    }
  }

  private static boolean isCoreEvent(String event) {
    return event.equals(LOG_START) || event.equals(APPLICATION_START) || event.equals(APPLICATION_END);
  }

  private static boolean isListingEvent(String event) {
    return isCoreEvent(event)
        || event.equals(ENVIRONMENT_UPDATE)
        || event.equals(JOB_END)
        || event.equals(TASK_END);
  }

  /** Failed as Spark's status store counts it: not a success, a kill or a resubmission. */
  private static boolean taskFailed(String reason) {
    return switch (reason) {
      case "Success", "TaskKilled", "TaskCommitDenied", "Resubmitted" -> false;
      default -> true;
    };
  }

  /** The {@link AttemptLabels#wanted} and {@link AttemptAcls#wanted} entries of a properties object; other values are skipped. */
  private static java.util.Map<String, String> wantedProperties(JsonParser parser, JsonToken value)
      throws IOException {
    java.util.Map<String, String> wanted = new java.util.HashMap<>();
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return wanted;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken v = parser.nextToken();
      if (AttemptLabels.wanted(key) || AttemptAcls.wanted(key)) {
        String text = scalarText(parser, v);
        if (text != null) {
          wanted.put(key, text);
        }
      } else {
        parser.skipChildren();
      }
    }
    return wanted;
  }

  /** The scalar {@code name} of an object value; the rest of the object is skipped. */
  private static String field(JsonParser parser, JsonToken value, String name) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken v = parser.nextToken();
      if (key.equals(name) && found == null) {
        found = scalarText(parser, v);
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  private static <T> T skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }

  /** The value as text if it is a scalar other than null; structures are skipped. */
  private static String scalarText(JsonParser parser, JsonToken value) throws IOException {
    if (value == null || value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isStructStart()) {
      parser.skipChildren();
      return null;
    }
    return parser.getText();
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
