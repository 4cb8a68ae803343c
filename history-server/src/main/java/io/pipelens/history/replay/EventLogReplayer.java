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
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays all event files of one application attempt (a single file or the segments of a rolling
 * {@code eventlog_v2_*} log, in order) into an {@link AppState}.
 *
 * <p>Task events, most of a log's lines and bytes, are read straight from the bytes by a {@link
 * TaskLineParser} when they have the plain shape Spark writes. Any other line has its {@code
 * Event} name read with a streaming parser first; task events are then read field by field without
 * a tree ({@link TaskEventParser}, which also takes the task lines the byte parser leaves); lines of
 * event types the replay does not use (streaming, custom listeners' events, ...) are skipped without being
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

  /**
   * Parses task lines for every replay of the process, one thread per core; idle threads end.
   * Parsing only reads the batch it is given, so replays of several applications share them.
   */
  private static final ExecutorService PARSERS = parsers(Runtime.getRuntime().availableProcessors());

  /** Batches parsed ahead of the one being applied: bounds the memory a replay holds. */
  private static final int MAX_BATCHES_IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors() + 1;

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private final TaskEventParser taskParser = new TaskEventParser(mapper);
  private final int maxLineBytes;
  private final EventLogDecoder decoder;
  private final boolean taskLinesFromBytes;
  private final Liveness liveness;

  /** The shared parsing threads in {@link Liveness}. */
  public static final String WORKER = "history-server.replay";

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
    this(maxLineBytes, decoder, new Liveness());
  }

  /**
   * As above, reporting {@value #WORKER} dead to {@code liveness} when a parsing thread ends a task
   * by an {@link Error}: a line's own problems are caught in the task, so an error there means the
   * JVM or its classpath is broken and every later replay is suspect.
   */
  public EventLogReplayer(int maxLineBytes, EventLogDecoder decoder, Liveness liveness) {
    this(maxLineBytes, decoder, true, liveness);
  }

  /**
   * As above; with {@code taskLinesFromBytes} false every task line goes through Jackson, the
   * reference the byte parser is tested against.
   */
  EventLogReplayer(int maxLineBytes, EventLogDecoder decoder, boolean taskLinesFromBytes) {
    this(maxLineBytes, decoder, taskLinesFromBytes, new Liveness());
  }

  private EventLogReplayer(int maxLineBytes, EventLogDecoder decoder, boolean taskLinesFromBytes,
      Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    liveness.watching(WORKER);
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
    LogSegments segments = new LogSegments(store, log.files(), decoder);
    // Only an uncompressed log still being written is worth continuing later.
    boolean keepTail = log.inProgress() && !segments.compressed();
    Tally tally = new Tally(progress, keepTail, from);
    try (InputStream in = segments.open(from)) {
      if (taskLinesFromBytes) {
        new Pipeline(tally).run(in, from);
      } else {
        LineScanner scanner = new LineScanner(in, from, maxLineBytes);
        while (!tally.stopped && scanner.next()) {
          boolean last = !scanner.terminated();
          if (scanner.oversized()) {
            tally.other(LineBatch.OVERSIZED, last, scanner.nextOffset());
          } else if (scanner.lineLength() == 0 || LineBatch.isBlank(scanner.buffer(), scanner.lineStart(), scanner.lineLength())) {
            tally.other(LineBatch.BLANK, last, scanner.nextOffset());
          } else {
            tally.line(
                apply(tally.listener, tally.task, scanner.buffer(), scanner.lineStart(), scanner.lineLength()),
                last,
                scanner.nextOffset());
          }
        }
      }
    }
    progress.advance(log, tally.position, keepTail);
    return new ReplayStats(
        segments.bytesRead(),
        tally.lines,
        tally.applied,
        tally.skipped,
        tally.corrupt,
        tally.truncated,
        tally.oversized,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** The counts and the position of a replay, advanced line by line in the log's order. */
  private static final class Tally {
    final StatusListener listener;
    final TaskEvent task;
    final boolean keepTail;
    long position;
    long lines;
    long applied;
    long skipped;
    long corrupt;
    long truncated;
    long oversized;

    /** Set at an unfinished last line left for the next resume; nothing after it is applied. */
    boolean stopped;

    Tally(ReplayProgress progress, boolean keepTail, long from) {
      this.listener = progress.listener;
      this.task = progress.task;
      this.keepTail = keepTail;
      this.position = from;
    }

    /** An oversized or blank line. */
    void other(byte kind, boolean last, long nextOffset) {
      if (kind == LineBatch.OVERSIZED && keepTail && last) {
        // Still being written: read it whole next time.
        stopped = true;
        return;
      }
      lines++;
      if (kind == LineBatch.OVERSIZED) {
        oversized++;
      }
      position = nextOffset;
    }

    /** A line with content, once applied. */
    void line(Outcome outcome, boolean last, long nextOffset) {
      lines++;
      if (outcome == Outcome.MALFORMED) {
        if (!last) {
          corrupt++;
        } else {
          truncated++;
          if (keepTail) {
            // The writer has not finished the line: it is read again, whole, next time.
            stopped = true;
            return;
          }
        }
      } else if (outcome == Outcome.APPLIED) {
        applied++;
      } else {
        skipped++;
      }
      position = nextOffset;
    }
  }

  /**
   * Reads the log into batches on the replaying thread, has them split into lines and their task
   * lines parsed on the {@link #PARSERS} threads, and applies the batches in order on the replaying
   * thread, which alone touches the state. A log of one batch is parsed where it is read, without a
   * hand-over. Lines are cut as {@link LineScanner} cuts them: at {@code \n}, a line of {@code
   * maxLineBytes} or more skipped as oversized without being held, and a rest without {@code \n}
   * at the end an unfinished last line.
   */
  private final class Pipeline {
    private final Tally tally;
    private final ArrayDeque<Future<LineBatch>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<LineBatch> free = new ArrayDeque<>();

    Pipeline(Tally tally) {
      this.tally = tally;
    }

    void run(InputStream in, long from) throws IOException {
      LineBatch batch = take(from);
      // Bytes at the start of the batch known to hold no newline (a carried unfinished line).
      int clean = 0;
      boolean eof = false;
      try {
        while (!eof) {
          while (batch.used < batch.bytes.length) {
            int n = in.read(batch.bytes, batch.used, batch.bytes.length - batch.used);
            if (n < 0) {
              eof = true;
              break;
            }
            batch.used += n;
          }
          int last = lastNewline(batch.bytes, clean, batch.used);
          if (last >= 0) {
            int carry = batch.used - (last + 1);
            LineBatch next = take(batch.base + last + 1);
            if (next.bytes.length < carry) {
              next.bytes = new byte[carry];
            }
            System.arraycopy(batch.bytes, last + 1, next.bytes, 0, carry);
            next.used = carry;
            clean = carry;
            batch.used = last + 1;
            batch.splitEnd = last + 1;
            LineBatch filled = batch;
            batch = next;
            submit(filled);
          } else if (batch.used >= maxLineBytes) {
            eof = skipOversizedLine(in, batch);
            clean = 0;
          } else if (!eof) {
            // One unfinished line fills the batch: room for more of it, up to the limit.
            clean = batch.used;
            batch.bytes =
                Arrays.copyOf(batch.bytes, (int) Math.min(2L * batch.bytes.length, maxLineBytes));
          }
        }
      } catch (java.io.InterruptedIOException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        // A read failed: the lines read whole before it are applied, as they are line by line.
        try {
          batch.splitEnd = lastNewline(batch.bytes, 0, batch.used) + 1;
          finish(batch);
        } catch (IOException | RuntimeException second) {
          e.addSuppressed(second);
        }
        throw e;
      }
      // What follows the last newline is an unfinished last line.
      batch.splitEnd = batch.used;
      finish(batch);
    }

    /**
     * Skips the rest of the line filling {@code batch}, records it as oversized and keeps what
     * follows it; returns whether the log ended first.
     */
    private boolean skipOversizedLine(InputStream in, LineBatch batch) throws IOException {
      long position = batch.base + batch.used;
      // The buffer is overwritten below: nothing in it is a line until the newline is found.
      batch.used = 0;
      while (true) {
        int n = in.read(batch.bytes, 0, batch.bytes.length);
        if (n < 0) {
          batch.addOther(LineBatch.OVERSIZED, true, position);
          batch.base = position;
          batch.used = 0;
          return true;
        }
        int newline = LineScanner.indexOfNewline(batch.bytes, 0, n);
        if (newline >= 0) {
          batch.addOther(LineBatch.OVERSIZED, false, position + newline + 1);
          System.arraycopy(batch.bytes, newline + 1, batch.bytes, 0, n - newline - 1);
          batch.base = position + newline + 1;
          batch.used = n - newline - 1;
          return false;
        }
        position += n;
      }
    }

    private LineBatch take(long offset) {
      LineBatch batch = free.poll();
      if (batch == null) {
        batch = new LineBatch();
      }
      batch.clear(offset);
      batch.maxLineBytes = maxLineBytes;
      return batch;
    }

    private void finish(LineBatch batch) throws IOException {
      while (!inFlight.isEmpty()) {
        applyBatch(await(inFlight.poll()));
      }
      if (!batch.isEmpty()) {
        applyBatch(batch.parseTasks());
      }
    }

    /** Hands {@code batch} to a parsing thread, applying the oldest while too many are out. */
    private void submit(LineBatch batch) throws IOException {
      inFlight.add(PARSERS.submit(batch::parseTasks));
      while (inFlight.size() > MAX_BATCHES_IN_FLIGHT) {
        applyBatch(await(inFlight.poll()));
      }
    }

    private LineBatch await(Future<LineBatch> parsed) throws IOException {
      try {
        return parsed.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        inFlight.forEach(f -> f.cancel(false));
        inFlight.clear();
        throw new java.io.InterruptedIOException("replay interrupted");
      } catch (ExecutionException e) {
        // parseTasks catches what a line can cause; anything else is a bug or an Error.
        if (e.getCause() instanceof Error error) {
          liveness.workerDied(WORKER, error);
        }
        throw new IllegalStateException("parsing a batch of lines failed", e.getCause());
      }
    }

    private void applyBatch(LineBatch batch) {
      for (int i = 0; i < batch.count && !tally.stopped; i++) {
        boolean last = batch.unterminated[i];
        long next = batch.nextOffsets[i];
        if (batch.kinds[i] != LineBatch.LINE) {
          tally.other(batch.kinds[i], last, next);
        } else if (batch.parsed[i] != LineBatch.NOT_PARSED) {
          tally.line(applyParsed(batch.parsed[i], batch.events[i]), last, next);
        } else {
          tally.line(
              apply(tally.listener, tally.task, batch.bytes, batch.starts[i], batch.lengths[i]),
              last,
              next);
        }
      }
      free.add(batch);
    }

    private Outcome applyParsed(int event, TaskEvent task) {
      try {
        tally.listener.applyTask(TaskLineParser.EVENTS.get(event), task);
        return Outcome.APPLIED;
      } catch (RuntimeException e) {
        // As on the Jackson path: a value the listener cannot use makes the line corrupt.
        return Outcome.MALFORMED;
      }
    }
  }

  private enum Outcome {
    APPLIED,
    SKIPPED,
    MALFORMED
  }

  /** A line through Jackson: every line but the task lines {@link TaskLineParser} read. */
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

  private static ExecutorService parsers(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "pipelens-replay-parse-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The last {@code \n} in {@code bytes[from, to)}, or -1; a batch's last line is short. */
  private static int lastNewline(byte[] bytes, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
