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
    try (JsonParser parser = factory.createParser(bytes, offset, length)) {
      return read(parser, validate);
    } catch (JsonProcessingException e) {
      return new ListingEvent.Malformed(firstLine(String.valueOf(e.getOriginalMessage())));
    } catch (IOException e) {
      // A byte-array parser does no I/O; anything else it throws is still about the input.
      return new ListingEvent.Malformed(e.toString());
    }
  }

  private static ListingEvent read(JsonParser parser, boolean validate) throws IOException {
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
            : new ListingEvent.ApplicationEnd(timestamp);
      default:
        return ListingEvent.OTHER;
    }
  }

  private static boolean isListingEvent(String event) {
    return event.equals(LOG_START)
        || event.equals(APPLICATION_START)
        || event.equals(APPLICATION_END);
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
