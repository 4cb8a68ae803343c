package io.pipelens.history.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.listing.LineScanner;
import io.pipelens.history.listing.LogSegments;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Replays all event files of one application attempt (a single file or the segments of a rolling
 * {@code eventlog_v2_*} log, in order) into an {@link AppState}.
 *
 * <p>Task events, most of a log's lines and bytes, are read straight from the bytes by a {@link
 * TaskLineParser} when they have the plain shape Spark writes. Any other line has its {@code
 * Event} name read with a streaming parser first; task events are then read field by field without
 * a tree ({@link TaskEventParser}, which also takes the task lines the byte parser leaves); lines of
 * event types the replay does not use (SQL metrics, block updates, ...) are skipped without being
 * parsed further; the rare irregular events (environment, job and stage starts) become a tree.
 * Damaged lines never stop a replay: a complete line that does not parse is skipped and counted as
 * corrupt, an unfinished last line (a log still being written, or cut by a crash) as truncated.
 *
 * <p>Compressed logs are decoded by the {@link EventLogDecoder} (bounded decoded size); lines over
 * the line limit are skipped without being held, and counted as oversized.
 *
 * <p><b>Incremental replay.</b> A replay of an uncompressed log that is still being written returns
 * a {@link ReplayProgress}: the replayed state, the files as they were read, and the offset after
 * the last line applied. {@link #resume} continues from that offset when the log has grown (more
 * bytes in the last file, more rolling files), applying only the new lines to the same state, under
 * its {@linkplain AppState#lock() write lock}. An unfinished last line is left for the next resume
 * rather than skipped. Compressed logs cannot be entered mid-stream and are replayed from the start.
 *
 * <p>Thread-safe: each replay has its own state; one progress must not be resumed concurrently.
 */
public final class EventLogReplayer {

  /** Default line limit: longer lines are skipped. No Spark event comes near it. */
  public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

  private static final String EVENT_FIELD = "Event";

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private final TaskEventParser taskParser = new TaskEventParser(mapper);
  private final int maxLineBytes;
  private final EventLogDecoder decoder;
  private final boolean taskLinesFromBytes;

  /** A replayer with the default line limit and decoding limits. */
  public EventLogReplayer() {
    this(MAX_LINE_BYTES);
  }

  /** A replayer that skips lines over {@code maxLineBytes}. */
  public EventLogReplayer(int maxLineBytes) {
    this(maxLineBytes, new EventLogDecoder());
  }

  /** A replayer that skips lines over {@code maxLineBytes} and decodes with {@code decoder}. */
  public EventLogReplayer(int maxLineBytes, EventLogDecoder decoder) {
    this(maxLineBytes, decoder, true);
  }

  /**
   * As above; with {@code taskLinesFromBytes} false every task line goes through Jackson, the
   * reference the byte parser is tested against.
   */
  EventLogReplayer(int maxLineBytes, EventLogDecoder decoder, boolean taskLinesFromBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive");
    }
    this.maxLineBytes = maxLineBytes;
    this.decoder = decoder;
    this.taskLinesFromBytes = taskLinesFromBytes;
  }

  /**
   * Reads every event file of {@code log} from {@code store}, up to the sizes listed in it.
   *
   * @throws IOException if a file cannot be read or decoded; damaged lines are not an error
   */
  public ReplayResult replay(EventLogStore store, EventLog log) throws IOException {
    ReplayProgress progress = new ReplayProgress(new StatusListener(), new TaskEvent());
    ReplayStats stats = run(progress, store, log, 0);
    return new ReplayResult(progress.listener.state(), stats, progress.resumable() ? progress : null);
  }

  /**
   * Continues {@code progress} with the lines {@code log} gained since, if {@code log} is the same
   * log grown: the files read before are unchanged except the last, which is no shorter, and more
   * files may follow. The state is the one {@code progress} replayed into, now updated.
   *
   * @return empty when the log cannot be continued (rewritten, compacted, compressed); replay it
   * @throws IOException if a file cannot be read; the state is then as far as it got
   */
  public Optional<ReplayResult> resume(ReplayProgress progress, EventLogStore store, EventLog log)
      throws IOException {
    if (!progress.resumable() || !progress.continuedBy(log)) {
      return Optional.empty();
    }
    AppState state = progress.listener.state();
    state.lock().writeLock().lock();
    try {
      ReplayStats stats = run(progress, store, log, progress.offset);
      return Optional.of(new ReplayResult(state, stats, progress.resumable() ? progress : null));
    } finally {
      state.lock().writeLock().unlock();
    }
  }

  /** Applies the lines of {@code log} from {@code from} on, and moves {@code progress} past them. */
  private ReplayStats run(ReplayProgress progress, EventLogStore store, EventLog log, long from)
      throws IOException {
    long started = System.nanoTime();
    StatusListener listener = progress.listener;
    TaskEvent task = progress.task;
    TaskLineParser lineParser = new TaskLineParser();
    LogSegments segments = new LogSegments(store, log.files(), decoder);
    // Only an uncompressed log still being written is worth continuing later.
    boolean keepTail = log.inProgress() && !segments.compressed();
    long position = from;
    long lines = 0;
    long applied = 0;
    long skipped = 0;
    long corrupt = 0;
    long truncated = 0;
    long oversized = 0;
    try (InputStream in = segments.open(from)) {
      LineScanner scanner = new LineScanner(in, from, maxLineBytes);
      while (scanner.next()) {
        boolean last = !scanner.terminated();
        if (keepTail && last && scanner.oversized()) {
          // Still being written: read it whole next time.
          break;
        }
        lines++;
        if (scanner.oversized()) {
          oversized++;
          position = scanner.nextOffset();
          continue;
        }
        if (scanner.lineLength() == 0 || isBlank(scanner)) {
          position = scanner.nextOffset();
          continue;
        }
        Outcome outcome =
            apply(listener, task, lineParser, scanner.buffer(), scanner.lineStart(), scanner.lineLength());
        if (outcome == Outcome.MALFORMED) {
          if (!last) {
            corrupt++;
          } else {
            truncated++;
            if (keepTail) {
              // The writer has not finished the line: it is read again, whole, next time.
              break;
            }
          }
        } else if (outcome == Outcome.APPLIED) {
          applied++;
        } else {
          skipped++;
        }
        position = scanner.nextOffset();
      }
    }
    progress.advance(log, position, keepTail);
    return new ReplayStats(
        segments.bytesRead(),
        lines,
        applied,
        skipped,
        corrupt,
        truncated,
        oversized,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private enum Outcome {
    APPLIED,
    SKIPPED,
    MALFORMED
  }

  private Outcome apply(
      StatusListener listener,
      TaskEvent task,
      TaskLineParser lineParser,
      byte[] bytes,
      int offset,
      int length) {
    try {
      int taskEvent = taskLinesFromBytes ? TaskLineParser.taskEvent(bytes, offset, length) : -1;
      if (taskEvent >= 0 && lineParser.parse(taskEvent, bytes, offset, length, task)) {
        // Most lines: read from the bytes; a line it leaves goes through Jackson below.
        listener.applyTask(TaskLineParser.EVENTS.get(taskEvent), task);
        return Outcome.APPLIED;
      }
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
