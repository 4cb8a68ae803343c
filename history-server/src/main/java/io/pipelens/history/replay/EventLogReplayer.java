package io.pipelens.history.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.listing.LineScanner;
import io.pipelens.history.listing.LogSegments;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Replays all event files of one application attempt (a single file or the segments of a rolling
 * {@code eventlog_v2_*} log, in order) into an {@link AppState}.
 *
 * <p>Each line's {@code Event} name is read with a streaming parser first. Task events, most of a
 * log's lines, are then read field by field without a tree ({@link TaskEventParser}); lines of
 * event types the replay does not use (SQL metrics, block updates, ...) are skipped without being
 * parsed further; the rare irregular events (environment, job and stage starts) become a tree.
 * Damaged lines never stop a replay: a complete line that does not parse is skipped and counted as
 * corrupt, an unfinished last line (a log still being written, or cut by a crash) as truncated.
 *
 * <p>Thread-safe: each call replays with its own state.
 */
public final class EventLogReplayer {

  /** Lines longer than this are skipped: no Spark event comes near it. */
  public static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

  private static final String EVENT_FIELD = "Event";

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private final TaskEventParser taskParser = new TaskEventParser(mapper);
  private final int maxLineBytes;

  /** A replayer with the default line limit. */
  public EventLogReplayer() {
    this(MAX_LINE_BYTES);
  }

  /** A replayer that skips lines over {@code maxLineBytes}. */
  public EventLogReplayer(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads every event file of {@code log} from {@code store}, up to the sizes listed in it.
   *
   * @throws IOException if a file cannot be read; damaged content is not an error
   */
  public ReplayResult replay(EventLogStore store, EventLog log) throws IOException {
    long started = System.nanoTime();
    StatusListener listener = new StatusListener();
    TaskEvent task = new TaskEvent();
    LogSegments segments = new LogSegments(store, log.files());
    long lines = 0;
    long applied = 0;
    long skipped = 0;
    long corrupt = 0;
    long truncated = 0;
    long oversized = 0;
    try (InputStream in = segments.open(0)) {
      LineScanner scanner = new LineScanner(in, 0, maxLineBytes);
      while (scanner.next()) {
        lines++;
        if (scanner.oversized()) {
          oversized++;
          continue;
        }
        if (scanner.lineLength() == 0 || isBlank(scanner)) {
          continue;
        }
        switch (apply(
            listener, task, scanner.buffer(), scanner.lineStart(), scanner.lineLength())) {
          case APPLIED -> applied++;
          case SKIPPED -> skipped++;
          case MALFORMED -> {
            if (scanner.terminated()) {
              corrupt++;
            } else {
              truncated++;
            }
          }
        }
      }
    }
    ReplayStats stats =
        new ReplayStats(
            segments.bytesRead(),
            lines,
            applied,
            skipped,
            corrupt,
            truncated,
            oversized,
            Duration.ofNanos(System.nanoTime() - started));
    return new ReplayResult(listener.state(), stats);
  }

  private enum Outcome {
    APPLIED,
    SKIPPED,
    MALFORMED
  }

  private Outcome apply(
      StatusListener listener, TaskEvent task, byte[] bytes, int offset, int length) {
    try {
      String event;
      try (JsonParser parser = factory.createParser(bytes, offset, length)) {
        event = eventName(parser);
        if (event != null && StatusListener.isTaskEvent(event)) {
          // The bulk of a log: read field by field, no tree.
          taskParser.parse(parser, task);
          requireEnd(parser);
          listener.applyTask(event, task);
          return Outcome.APPLIED;
        }
      }
      if (event != null && !StatusListener.isUsed(event)) {
        return Outcome.SKIPPED;
      }
      JsonNode json = mapper.readTree(bytes, offset, length);
      if (json == null || !json.isObject()) {
        return Outcome.MALFORMED;
      }
      if (event == null) {
        JsonNode name = json.get(EVENT_FIELD);
        if (name == null || !name.isTextual()) {
          return Outcome.MALFORMED;
        }
        event = name.asText();
        if (StatusListener.isTaskEvent(event)) {
          // Spark always writes Event first; a line that does not is replayed slowly but right.
          try (JsonParser parser = mapper.treeAsTokens(json)) {
            parser.nextToken();
            taskParser.parse(parser, task);
          }
          listener.applyTask(event, task);
          return Outcome.APPLIED;
        }
      }
      return listener.apply(event, json) ? Outcome.APPLIED : Outcome.SKIPPED;
    } catch (IOException | RuntimeException e) {
      // Jackson reports malformed JSON as IOException; a field of the wrong type as a runtime
      // exception from the listener's reads. Either way the line is unusable, the replay goes on.
      return Outcome.MALFORMED;
    }
  }

  /**
   * The {@code Event} name when it is the line's first field, as Spark writes it, leaving the
   * parser after it; null otherwise, leaving the decision to a full parse.
   */
  private static String eventName(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT
        || parser.nextToken() != JsonToken.FIELD_NAME
        || !EVENT_FIELD.equals(parser.currentName())
        || parser.nextToken() != JsonToken.VALUE_STRING) {
      return null;
    }
    return parser.getText();
  }

  /** A task line must be one complete object; anything after it makes the line corrupt. */
  private static void requireEnd(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
      throw new com.fasterxml.jackson.core.JsonParseException(parser, "not one JSON object");
    }
  }

  private static boolean isBlank(LineScanner scanner) {
    byte[] bytes = scanner.buffer();
    for (int i = scanner.lineStart(); i < scanner.lineStart() + scanner.lineLength(); i++) {
      if (bytes[i] != ' ' && bytes[i] != '\r' && bytes[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
