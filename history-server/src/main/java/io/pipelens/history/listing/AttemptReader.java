package io.pipelens.history.listing;

import com.fasterxml.jackson.core.JsonFactory;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads one event log for the listing without replaying it: the head up to {@code
 * SparkListenerApplicationStart} (picking up {@code SparkListenerLogStart} on the way), then, for a
 * finished log only, ranged reads backwards from the end for {@code SparkListenerApplicationEnd}.
 *
 * <p>The end event is normally within the last few lines, but Spark writes it while other
 * subsystems may still log, so the tail window starts at {@link ListingOptions#tailChunkBytes()}
 * and grows fourfold, never re-reading bytes, until the event is found or the head is reached. A
 * log still being written is not searched, as in Spark: it is listed as running.
 *
 * <p>A compressed log cannot be read from an offset: the codecs' streams only decode from their
 * start. A finished compressed log is therefore decoded whole, once, and the last end event taken
 * from that single pass; the {@link ListingRefresher} keeps the result until the log's fingerprint
 * changes, so this cost is paid once per log (and is bounded by the decoder's {@code
 * max_decompressed_bytes}). A compressed log still being written is read, like any other, only up
 * to its application start.
 *
 * <p>Thread-safe.
 */
public final class AttemptReader {

  private final ListingOptions options;
  private final ListingLineParser parser;
  private final EventLogDecoder decoder;

  /** A reader with the given tuning and default decoding limits. */
  public AttemptReader(ListingOptions options) {
    this(options, new EventLogDecoder());
  }

  /** A reader with the given tuning, decoding compressed logs with {@code decoder}. */
  public AttemptReader(ListingOptions options, EventLogDecoder decoder) {
    this.options = options;
    this.parser = new ListingLineParser(new JsonFactory());
    this.decoder = decoder;
  }

  /** A reader with {@link ListingOptions#DEFAULTS}. */
  public AttemptReader() {
    this(ListingOptions.DEFAULTS);
  }

  /**
   * Reads {@code log} from {@code store}.
   *
   * @throws IOException if the store fails; malformed content never throws
   */
  public AttemptRead read(EventLogStore store, EventLog log) throws IOException {
    LogSegments segments = new LogSegments(store, log.files(), decoder);
    ErrorCounter errors = new ErrorCounter();
    Head head = readHead(segments, log.inProgress(), errors);
    ListingEvent.ApplicationStart start = head.start();
    if (start == null || start.appId() == null) {
      return new AttemptRead(Optional.empty(), errors.stats(), segments.bytesRead());
    }
    ListingEvent.ApplicationEnd end = null;
    if (!log.inProgress()) {
      end = head.readToEnd() ? head.end() : findEnd(segments, head.endOffset(), errors);
    }
    boolean completed = end != null;
    // Counts are only as good as every line read: not when the middle was skipped or lost.
    boolean countsExact =
        completed && head.readToEnd() && !errors.anyOversized && errors.corrupt == 0;
    AttemptSummary attempt =
        new AttemptSummary(
            start.appId(),
            start.appName(),
            start.attemptId(),
            start.timestamp(),
            completed ? end.timestamp() : -1L,
            log.lastModified(),
            completed ? end.timestamp() - start.timestamp() : 0L,
            start.user(),
            completed,
            head.sparkVersion() == null ? "" : head.sparkVersion(),
            log.key(),
            head.labels(),
            new AttemptHealth(
                countsExact ? head.failedTasks() : -1,
                countsExact ? head.failedJobs() : -1,
                completed ? end.exitCode() : null),
            head.acls());
    return new AttemptRead(Optional.of(attempt), errors.stats(), segments.bytesRead());
  }

  /**
   * Reads up to the application start. When the log is finished and what follows fits in one tail
   * window, it reads on to the end instead of opening the tail separately, which would fetch the
   * bytes already buffered a second time.
   */
  private Head readHead(LogSegments segments, boolean inProgress, ErrorCounter errors)
      throws IOException {
    String sparkVersion = null;
    AttemptLabels labels = AttemptLabels.NONE;
    AttemptAcls acls = AttemptAcls.NONE;
    boolean environmentSeen = false;
    long failedTasks = 0;
    long failedJobs = 0;
    ListingEvent.ApplicationStart start = null;
    long startEnd = segments.totalSize();
    ListingEvent.ApplicationEnd end = null;
    try (InputStream in = segments.open(0)) {
      LineScanner lines = new LineScanner(in, 0, options.maxLineBytes());
      while (lines.next()) {
        ListingEvent event = parse(lines, inProgress, errors, false);
        if (event instanceof ListingEvent.Environment environment && !environmentSeen) {
          // The first update is the application's configuration; later ones are added jars.
          environmentSeen = true;
          labels = AttemptLabels.of(environment.properties());
          acls = AttemptAcls.of(environment.properties());
          continue;
        }
        if (event instanceof ListingEvent.TaskEnd taskEnd) {
          failedTasks += taskEnd.failed() ? 1 : 0;
          continue;
        }
        if (event instanceof ListingEvent.JobEnd jobEnd) {
          failedJobs += jobEnd.failed() ? 1 : 0;
          continue;
        }
        if (start == null) {
          if (event instanceof ListingEvent.LogStart logStart && sparkVersion == null) {
            sparkVersion = logStart.sparkVersion();
          } else if (event instanceof ListingEvent.ApplicationStart found) {
            start = found;
            startEnd = lines.nextOffset();
            if (inProgress
                || (!segments.compressed()
                    && segments.totalSize() - startEnd > options.tailChunkBytes())) {
              return new Head(sparkVersion, labels, acls, start, startEnd, null, false, 0, 0);
            }
          }
        } else if (event instanceof ListingEvent.ApplicationEnd found) {
          end = found;
        }
      }
    }
    return new Head(sparkVersion, labels, acls, start, startEnd, end, true, failedTasks, failedJobs);
  }

  /** Searches backwards from the end down to {@code floor}, where the head stopped. */
  private ListingEvent.ApplicationEnd findEnd(LogSegments segments, long floor, ErrorCounter errors)
      throws IOException {
    long windowEnd = segments.totalSize();
    long chunk = options.tailChunkBytes();
    while (windowEnd > floor) {
      long windowStart = Math.max(floor, windowEnd - chunk);
      ListingEvent.ApplicationEnd end = scanWindow(segments, windowStart, windowEnd, floor, errors);
      if (end != null) {
        return end;
      }
      windowEnd = windowStart;
      chunk = chunk > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : chunk * 4;
    }
    return null;
  }

  /**
   * Reads the lines that start in {@code [windowStart, windowEnd)}, plus the one crossing {@code
   * windowEnd}, which the later window discarded as partial. Returns the last end event among them.
   */
  private ListingEvent.ApplicationEnd scanWindow(
      LogSegments segments, long windowStart, long windowEnd, long floor, ErrorCounter errors)
      throws IOException {
    boolean midLine = windowStart > floor;
    // Starting one byte early makes the discarded first "line" end exactly at the first line
    // boundary at or after windowStart, so a line that starts at windowStart is kept.
    long readFrom = midLine ? windowStart - 1 : windowStart;
    ListingEvent.ApplicationEnd found = null;
    try (InputStream in = segments.open(readFrom)) {
      LineScanner lines = new LineScanner(in, readFrom, options.maxLineBytes());
      if (midLine && !lines.next()) {
        return null;
      }
      boolean lastWindow = windowEnd == segments.totalSize();
      while (lines.next()) {
        if (!lastWindow && lines.lineOffset() >= windowEnd) {
          break;
        }
        // Only the end event matters here: other lines are judged by their event name alone,
        // which spared the first listing of a 1 GB log about 0.1 s of Jackson over 1 MiB of task
        // lines, on the way to the port opening.
        ListingEvent event = parse(lines, false, errors, true);
        if (event instanceof ListingEvent.ApplicationEnd end) {
          found = end;
        }
      }
    }
    return found;
  }

  /**
   * Parses the current line; with {@code coreOnly} only a log start or an application start or
   * end is read past its event name (see {@link ListingLineParser#parse}).
   */
  private ListingEvent parse(
      LineScanner lines, boolean maybeTruncated, ErrorCounter errors, boolean coreOnly) {
    if (lines.lineLength() == 0 && !lines.oversized()) {
      return ListingEvent.OTHER;
    }
    // An unterminated last line may be cut anywhere, so it is parsed to the end to tell.
    ListingEvent event =
        parser.parse(
            lines.buffer(),
            lines.lineStart(),
            lines.lineLength(),
            !lines.terminated() && !lines.oversized(),
            coreOnly || lines.oversized());
    if (lines.oversized()) {
      errors.anyOversized = true;
      // Only the prefix was kept. If it names an event the listing skips anyway, nothing is lost.
      if (!(event instanceof ListingEvent.Other)) {
        errors.oversized++;
      }
      return ListingEvent.OTHER;
    }
    if (event instanceof ListingEvent.Malformed) {
      if (lines.terminated()) {
        errors.corrupt++;
      } else if (!maybeTruncated) {
        errors.truncated++;
      }
    }
    return event;
  }

  /**
   * @param start null when the log has no application start
   * @param endOffset where the line after the application start begins: the tail search's floor
   * @param end the last end event seen, when the head read went on to the end of the log
   * @param readToEnd whether the head read covered the whole log, so {@code end} and the failure
 *     counts are final
   */
  private record Head(
      String sparkVersion,
      AttemptLabels labels,
      AttemptAcls acls,
      ListingEvent.ApplicationStart start,
      long endOffset,
      ListingEvent.ApplicationEnd end,
      boolean readToEnd,
      long failedTasks,
      long failedJobs) {}

  private static final class ErrorCounter {
    long corrupt;
    long truncated;
    long oversized;
    boolean anyOversized; // including lines the listing skips, which may have been task ends

    ParseStats stats() {
      return new ParseStats(corrupt, truncated, oversized);
    }
  }
}
