package io.pipelens.collector.sink.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * The items of a {@code _bulk} response filtered by {@link #FILTER_PATH}, read with a streaming
 * parser: per item its status and, when it failed, its error, in the order of the request.
 *
 * <p>Only what the sink acts on is asked for and read: a response item is {@code
 * {"create":{"status":201}}}, about 25 bytes, instead of about 200 with index, id, version,
 * shards and sequence numbers, and successful items cost no objects at all. Every item keeps its
 * {@code status}, so none drops out of the array and positions match the request's documents.
 */
final class BulkItems {

  /** The {@code filter_path} of the sink's {@code _bulk} requests. */
  static final String FILTER_PATH = "errors,items.*.status,items.*.error";

  private static final JsonFactory JSON = new JsonFactory();

  private final int[] statuses;
  private final ItemError[] errors; // null where the item has none

  private BulkItems(int[] statuses, ItemError[] errors) {
    this.statuses = statuses;
    this.errors = errors;
  }

  /** Why Elasticsearch refused one item: its {@code error.type} and reason, with its first cause. */
  record ItemError(String type, String reason, String causeType, String causeReason) {}

  int size() {
    return statuses.length;
  }

  int status(int item) {
    return statuses[item];
  }

  /** The item's error; null when it has none. */
  ItemError error(int item) {
    return errors[item];
  }

  /**
   * Reads a response to a request of {@code expected} documents.
   *
   * @throws IOException if the body is not such a response, or has another number of items
   */
  static BulkItems read(InputStream body, int expected) throws IOException {
    int[] statuses = new int[expected];
    ItemError[] errors = new ItemError[expected];
    int n = 0;
    try (JsonParser parser = JSON.createParser(body)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "the response");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!"items".equals(field)) {
          parser.skipChildren();
          continue;
        }
        expect(value, JsonToken.START_ARRAY, "items");
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          // {"create": {...}}: one field, named after the operation.
          expect(parser.nextToken(), JsonToken.FIELD_NAME, "an item");
          expect(parser.nextToken(), JsonToken.START_OBJECT, "an item's operation");
          int status = -1;
          ItemError error = null;
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("status".equals(name) && token == JsonToken.VALUE_NUMBER_INT) {
              status = parser.getIntValue();
            } else if ("error".equals(name) && token == JsonToken.START_OBJECT) {
              error = error(parser);
            } else {
              parser.skipChildren();
            }
          }
          expect(parser.nextToken(), JsonToken.END_OBJECT, "the end of an item");
          if (status < 0) {
            throw new IOException("a _bulk response item without a status, at position " + n);
          }
          if (n == expected) {
            throw new IOException("Elasticsearch answered more than " + expected + " bulk items for " + expected
                + " documents");
          }
          statuses[n] = status;
          errors[n] = error;
          n++;
        }
      }
    }
    if (n != expected) {
      throw new IOException("Elasticsearch answered " + n + " bulk items for " + expected + " documents");
    }
    return new BulkItems(statuses, errors);
  }

  /** An {@code error} object, the parser on its start; leaves the parser on its end. */
  private static ItemError error(JsonParser parser) throws IOException {
    String type = null;
    String reason = null;
    String causeType = null;
    String causeReason = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if ("type".equals(name) && token == JsonToken.VALUE_STRING) {
        type = parser.getText();
      } else if ("reason".equals(name) && token == JsonToken.VALUE_STRING) {
        reason = parser.getText();
      } else if ("caused_by".equals(name) && token == JsonToken.START_OBJECT) {
        ItemError cause = error(parser);
        causeType = cause.type();
        causeReason = cause.reason();
      } else {
        parser.skipChildren();
      }
    }
    return new ItemError(type, reason, causeType, causeReason);
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException("not a _bulk response: expected " + expected + " for " + what + ", got " + actual);
    }
  }
}
