package io.pipelens.collector.sink.archive;

import com.github.luben.zstd.ZstdOutputStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pipelens.collector.normalize.AnyValues;
import io.pipelens.collector.normalize.RecordFields;
import io.pipelens.collector.pipeline.ComputeTypeCounter;
import io.pipelens.collector.pipeline.RecordSink;
import io.pipelens.collector.pipeline.SinkStoppedException;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.LogRecord;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives Spark event logs ({@code pipelens.stream=event} records: one event-log line each, with
 * {@code spark.app.id} and {@code log.file.path}) in Spark's rolling layout, to a local directory
 * or an S3-compatible bucket, where Spark's and pipelens' history servers read them:
 *
 * <pre>
 * eventlog_v2_&lt;app&gt;/events_1_&lt;app&gt;.zstd
 * eventlog_v2_&lt;app&gt;/events_2_&lt;app&gt;.zstd
 * eventlog_v2_&lt;app&gt;/appstatus_&lt;app&gt;.inprogress   (appstatus_&lt;app&gt; once the app ended)
 * </pre>
 *
 * <p><b>Files.</b> Lines ({@code body + "\n"}) of one app go to its open file, compressed as they
 * come; the file is rolled, that is closed (one complete zstd frame) and written out, when the next
 * line would take it over {@code max_file_size} uncompressed bytes (Spark's rule), {@code
 * roll_interval} after its first line, or right after the {@code SparkListenerApplicationEnd}
 * line. Files are numbered on from what the archive already holds, so a restart continues an app.
 * {@code appstatus_<app>.inprogress} is written with the first file; after the file holding the
 * end event, {@code appstatus_<app>} is written and the {@code .inprogress} one deleted.
 *
 * <p><b>Acknowledgement.</b> A batch is acknowledged once every file holding its lines is durable:
 * fsynced and renamed into place (directory), or uploaded (bucket). A failed write is retried with
 * backoff (100 ms doubling to 30 s) for as long as the sink runs, counted in {@code
 * pipelens_collector_archive_uploads_total{result="failure"}}; nothing is dropped. Files are
 * written by one thread in order, so an app's files appear in index order. {@link #write} does no
 * I/O: the first time an app is seen, that thread reads what the archive holds of it (retrying
 * like a write) while the app's lines wait, unacknowledged.
 *
 * <p><b>Redelivery.</b> A redelivered line (same {@code log.file.path}, {@code log.offset} not
 * after the last archived one) is skipped and counted ({@code
 * pipelens_collector_archive_duplicates_total}); each file records the last source position in its
 * metadata so this holds across restarts.
 *
 * <p><b>Lines after the end event.</b> Spark can write events after {@code
 * SparkListenerApplicationEnd}: the scheduler's thread posts a failed job's {@code
 * SparkListenerJobEnd} while the driver's thread, told of the failure, already stops the context
 * (seen in Spark 4.1's own logs). Such a line goes to a file after the one holding the end event,
 * rolled like any other; {@code appstatus_<app>} stays final. Only a line without a source position
 * ({@code log.file.path} and {@code log.offset}) is skipped after the end, and counted as a
 * duplicate, since a redelivery of it cannot be told from a late line.
 *
 * <p><b>Truncated lines.</b> A line the agent cut ({@code log.truncated=true}) is no longer valid
 * JSON, and Spark's History Server refuses an application with a corrupt line before its last; it
 * is left out, counted ({@code pipelens_collector_archive_truncated_lines_total}) and logged once
 * per app.
 */
public final class EventLogArchiveSink implements RecordSink, Service {

  private static final Logger log = LoggerFactory.getLogger(EventLogArchiveSink.class);
  static final String OUTPUT = "archive";
  static final String META_SOURCE_PATH = "pipelens-source-path";
  static final String META_SOURCE_OFFSET = "pipelens-source-offset";
  private static final Pattern APPLICATION_END =
      Pattern.compile("\"Event\"\\s*:\\s*\"SparkListenerApplicationEnd\"");
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final ArchiveConfig config;
  private final Clock clock;
  private final ArchiveStore store;
  private final Counter uploadsOk;
  private final Counter uploadsFailed;
  private final ComputeTypeCounter sent;
  private final Counter duplicates;
  private final Counter truncated;
  private final Counter bytesWritten;
  private final AtomicLong pendingBytes = new AtomicLong();

  private final Object lock = new Object();
  private final Map<String, AppLog> apps = new HashMap<>(); // guarded by lock
  private final ArrayDeque<RolledFile> rolled = new ArrayDeque<>(); // guarded by lock

  private volatile boolean accepting;
  private volatile boolean stopping;
  private volatile String failingReason;
  private Thread writer;

  private final Liveness liveness;

  /** The writer loop in {@link Liveness}; it retries failed writes itself, so only an {@link Error} ends it. */
  public static final String WORKER = "collector.sink.archive.writer";

  /** A sink for {@code config}, not yet started; meters go to {@code registry}. */
  public EventLogArchiveSink(ArchiveConfig config, Clock clock, MeterRegistry registry) {
    this(config, clock, registry, new Liveness());
  }

  /** Same as {@link #EventLogArchiveSink(ArchiveConfig, Clock, MeterRegistry)}, its writer reporting to {@code liveness}. */
  public EventLogArchiveSink(ArchiveConfig config, Clock clock, MeterRegistry registry, Liveness liveness) {
    this(config, config.objectStore() ? new S3ArchiveStore(config)
        : new LocalArchiveStore(Path.of(config.directory())), clock, registry, liveness);
  }

  EventLogArchiveSink(ArchiveConfig config, ArchiveStore store, Clock clock, MeterRegistry registry) {
    this(config, store, clock, registry, new Liveness());
  }

  EventLogArchiveSink(ArchiveConfig config, ArchiveStore store, Clock clock, MeterRegistry registry,
      Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.uploadsOk = uploads(registry, "success");
    this.uploadsFailed = uploads(registry, "failure");
    this.sent = new ComputeTypeCounter(registry, "pipelens_collector_sent_records", "Records the output stored",
        Tags.of("output", OUTPUT));
    this.duplicates = Counter.builder("pipelens_collector_archive_duplicates")
        .description("Event-log lines skipped because the archive already has them (redeliveries)")
        .register(registry);
    this.truncated = Counter.builder("pipelens_collector_archive_truncated_lines")
        .description("Event-log lines left out of the archive because the agent cut them (log.truncated)")
        .register(registry);
    this.bytesWritten = Counter.builder("pipelens_collector_archive_written_bytes")
        .description("Compressed bytes of event-log files written to the archive").register(registry);
    Gauge.builder("pipelens_collector_sink_pending_bytes", pendingBytes, AtomicLong::get)
        .description("Bytes of documents buffered or in flight to the output")
        .tag("output", OUTPUT).register(registry);
  }

  private static Counter uploads(MeterRegistry registry, String result) {
    return Counter.builder("pipelens_collector_archive_uploads")
        .description("Event-log files (and app status markers) written to the archive, by result; "
            + "failures are retried")
        .tag("result", result).register(registry);
  }

  @Override
  public String name() {
    return "event-log-archive";
  }

  @Override
  public void start() {
    accepting = true;
    writer = new Thread(liveness.watch(WORKER, this::writeLoop), "pipelens-collector-archive");
    writer.setDaemon(true);
    writer.start();
    log.info("archiving Spark event logs to {}", store.describe());
  }

  /** Null while writes succeed, else the last failure, for {@code /readyz}. */
  public String failingReason() {
    return failingReason;
  }

  @Override
  public boolean hasCapacity() {
    return accepting && pendingBytes.get() < config.maxPendingSize().bytes();
  }

  @Override
  public CompletableFuture<Void> write(List<LogRecord> records) {
    if (!accepting) {
      return CompletableFuture.failedFuture(new SinkStoppedException("the event-log archive is stopped"));
    }
    Set<CompletableFuture<Void>> files = new LinkedHashSet<>();
    synchronized (lock) {
      Map<AppLog, CompletableFuture<Void>> afterRecovery = new HashMap<>();
      for (LogRecord record : records) {
        String appId = RecordFields.string(record, AttributeNames.SPARK_APP_ID);
        if (appId == null) {
          return CompletableFuture.failedFuture(
              new IllegalArgumentException("an event record without spark.app.id cannot be archived"));
        }
        String path = RecordFields.string(record, AttributeNames.LOG_FILE_PATH);
        AppLog app = apps.computeIfAbsent(EventLogNames.name(appId, path), AppLog::new);
        if (app.recovered) {
          append(app, record, files);
        } else {
          // No I/O here: the writer thread reads what the archive has of the app, with retries,
          // then appends the waiting lines; this batch's acknowledgement waits for their files.
          CompletableFuture<Void> later = afterRecovery.computeIfAbsent(app, a -> new CompletableFuture<>());
          app.waiting.add(new Waiting(record, later));
          files.add(later);
          pendingBytes.addAndGet(bodyLength(record));
        }
      }
      lock.notifyAll();
    }
    long[] byComputeType = ComputeTypeCounter.tally(records);
    return CompletableFuture.allOf(files.toArray(new CompletableFuture<?>[0]))
        .handle((ok, error) -> {
          if (error != null) {
            throw error instanceof CompletionException c ? c : new CompletionException(error);
          }
          sent.add(byComputeType);
          return (Void) null;
        });
  }

  private static long bodyLength(LogRecord record) {
    String line = AnyValues.text(record.body());
    return line == null ? 1 : line.length() + 1L;
  }

  /** Appends one line to the app's open file, rolling as needed; caller holds the lock. */
  private void append(AppLog app, LogRecord record, Set<CompletableFuture<Void>> files) {
    String path = RecordFields.string(record, AttributeNames.LOG_FILE_PATH);
    Long offset = record.attributes().getLong(AttributeNames.LOG_OFFSET);
    boolean positioned = path != null && offset != null;
    if (app.seen(path, offset) || (app.ended && !positioned)) {
      duplicates.increment();
      return;
    }
    if (Boolean.TRUE.equals(record.attributes().getBoolean(AttributeNames.LOG_TRUNCATED))) {
      // A cut line is no longer JSON. Spark's History Server fails the whole application on a
      // corrupt line that is not the log's last, so the line is left out, loudly, not archived.
      truncated.increment();
      if (!app.warnedTruncated) {
        app.warnedTruncated = true;
        log.warn("left a truncated event-log line of {} ({} at offset {}) out of the archive; raise the "
            + "agent's file.max_line_size for event logs (counted in "
            + "pipelens_collector_archive_truncated_lines_total)", app.name, path, offset);
      }
      return;
    }
    String line = AnyValues.text(record.body());
    byte[] bytes = ((line == null ? "" : line) + "\n").getBytes(StandardCharsets.UTF_8);
    if (app.current != null && app.current.uncompressed + bytes.length > config.maxFileSize().bytes()) {
      roll(app);
    }
    if (app.current == null) {
      app.current = new OpenFile(app.nextIndex++, System.nanoTime());
    }
    app.current.append(bytes, path, offset);
    pendingBytes.addAndGet(bytes.length);
    files.add(app.current.durable);
    if (line != null && APPLICATION_END.matcher(line).find()) {
      app.current.endsApp = true;
      app.ended = true;
      roll(app);
    }
  }

  /** Reads what the archive already has of an app: the next file index, the source position, the end. */
  private Recovered recover(String name) throws IOException {
    int last = 0;
    boolean ended = false;
    boolean inProgress = false;
    for (String file : store.list(EventLogNames.directory(name))) {
      last = Math.max(last, EventLogNames.index(file));
      ended |= file.equals("appstatus_" + name);
      inProgress |= file.equals("appstatus_" + name + ".inprogress");
    }
    Map<String, Long> offsets = new HashMap<>();
    if (last > 0) {
      Map<String, String> meta = store.metadata(EventLogNames.eventsFile(name, last));
      if (meta != null && meta.get(META_SOURCE_PATH) != null && meta.get(META_SOURCE_OFFSET) != null) {
        offsets.put(meta.get(META_SOURCE_PATH), Long.parseLong(meta.get(META_SOURCE_OFFSET)));
      }
    }
    if (last > 0 || ended) {
      log.info("continuing the archived event log of {} at file {}{}", name, last + 1,
          ended ? " (already complete)" : "");
    }
    return new Recovered(last + 1, ended, inProgress || ended, offsets);
  }

  /** Applies a recovery and appends the lines that waited for it; caller holds the lock. */
  private void recovered(AppLog app, Recovered state) {
    app.nextIndex = state.nextIndex;
    app.ended = state.ended;
    app.statusWritten = state.statusWritten;
    app.lastOffsets.putAll(state.lastOffsets);
    app.recovered = true;
    Map<CompletableFuture<Void>, Set<CompletableFuture<Void>>> groups = new java.util.LinkedHashMap<>();
    for (Waiting waiting : app.waiting) {
      pendingBytes.addAndGet(-bodyLength(waiting.record));
      append(app, waiting.record, groups.computeIfAbsent(waiting.ack, a -> new LinkedHashSet<>()));
    }
    app.waiting.clear();
    groups.forEach((ack, files) -> CompletableFuture.allOf(files.toArray(new CompletableFuture<?>[0]))
        .whenComplete((ok, error) -> {
          if (error == null) {
            ack.complete(null);
          } else {
            ack.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error);
          }
        }));
  }

  /** Closes the app's open file and queues it for writing; caller holds the lock. */
  private void roll(AppLog app) {
    OpenFile file = app.current;
    if (file == null) {
      return;
    }
    app.current = null;
    byte[] content = file.finish();
    Map<String, String> meta = new HashMap<>();
    if (file.lastPath != null) {
      meta.put(META_SOURCE_PATH, file.lastPath);
      meta.put(META_SOURCE_OFFSET, Long.toString(file.lastOffset));
    }
    rolled.add(new RolledFile(app, file.index, content, meta, file.uncompressed, file.endsApp, file.durable));
    lock.notifyAll();
  }

  private void writeLoop() {
    long backoffMs = 0;
    while (true) {
      RolledFile next;
      AppLog toRecover;
      synchronized (lock) {
        try {
          while (true) {
            toRecover = apps.values().stream().filter(a -> !a.recovered).findFirst().orElse(null);
            rollExpired();
            if (!rolled.isEmpty() || toRecover != null) {
              break;
            }
            if (stopping) {
              return;
            }
            lock.wait(Math.max(10, Math.min(200, config.rollInterval().toMillis() / 4)));
          }
        } catch (InterruptedException e) {
          return;
        }
        next = rolled.peekFirst();
      }
      try {
        if (toRecover != null) {
          Recovered state = recover(toRecover.name);
          synchronized (lock) {
            recovered(toRecover, state);
          }
          backoffMs = 0;
          failingReason = null;
        } else {
          writeFile(next);
          synchronized (lock) {
            rolled.pollFirst();
          }
          pendingBytes.addAndGet(-next.uncompressed);
          backoffMs = 0;
          // Cleared before the acknowledgement, so whoever it wakes sees a healthy archive.
          failingReason = null;
          next.durable.complete(null);
        }
      } catch (IOException | RuntimeException e) {
        uploadsFailed.increment();
        failingReason = toRecover != null
            ? "reading " + EventLogNames.directory(toRecover.name) + " in " + store.describe() + " failed: "
                + e.getMessage()
            : "writing " + EventLogNames.eventsFile(next.app.name, next.index) + " to " + store.describe()
                + " failed: " + e.getMessage();
        backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        log.warn("{}; retrying in {} ms", failingReason, backoffMs);
        synchronized (lock) {
          if (stopping && giveUp) {
            return;
          }
          try {
            lock.wait(backoffMs);
          } catch (InterruptedException ie) {
            return;
          }
        }
      }
    }
  }

  private volatile boolean giveUp;

  /** Rolls files that have been open for {@code roll_interval}; caller holds the lock. */
  private void rollExpired() {
    long now = System.nanoTime();
    long interval = config.rollInterval().toNanos();
    for (AppLog app : apps.values()) {
      if (app.current != null && (stopping || now - app.current.openedNanos >= interval)) {
        roll(app);
      }
    }
  }

  /** Writes one rolled file and, around it, the app's status markers; idempotent, so retries are safe. */
  private void writeFile(RolledFile file) throws IOException {
    String name = file.app.name;
    if (!file.app.statusWritten) {
      store.put(EventLogNames.status(name, true), new byte[0], Map.of());
      uploadsOk.increment();
      file.app.statusWritten = true;
    }
    store.put(EventLogNames.eventsFile(name, file.index), file.content, file.metadata);
    uploadsOk.increment();
    bytesWritten.increment(file.content.length);
    if (file.endsApp) {
      store.put(EventLogNames.status(name, false), new byte[0], Map.of());
      uploadsOk.increment();
      store.delete(EventLogNames.status(name, true));
      log.info("archived the complete event log of {} ({} files)", name, file.index);
    }
  }

  @Override
  public void stop(Duration deadline) {
    accepting = false;
    if (writer == null) {
      return;
    }
    synchronized (lock) {
      stopping = true;
      lock.notifyAll();
    }
    try {
      writer.join(Math.max(1, deadline.toMillis()));
      if (writer.isAlive()) {
        synchronized (lock) {
          giveUp = true;
          lock.notifyAll();
        }
        writer.join(TimeUnit.SECONDS.toMillis(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      for (RolledFile file : rolled) {
        file.durable.completeExceptionally(new SinkStoppedException(
            "the event-log archive stopped before " + EventLogNames.eventsFile(file.app.name, file.index)
                + " was written"));
      }
      rolled.clear();
      for (AppLog app : apps.values()) {
        for (Waiting waiting : app.waiting) {
          waiting.ack.completeExceptionally(new SinkStoppedException(
              "the event-log archive stopped before it could read " + store.describe() + " for " + app.name));
        }
        app.waiting.clear();
      }
    }
    store.close();
  }

  /** What the sink knows of one app's log. */
  private static final class AppLog {
    final String name;
    final Map<String, Long> lastOffsets = new HashMap<>();
    final List<Waiting> waiting = new ArrayList<>();
    boolean recovered;
    int nextIndex = 1;
    boolean statusWritten;
    boolean ended;
    boolean warnedTruncated;
    OpenFile current;

    AppLog(String name) {
      this.name = name;
    }

    /** Whether the line at {@code offset} of {@code path} was taken already; records it if not. */
    boolean seen(String path, Long offset) {
      if (path == null || offset == null) {
        return false;
      }
      Long last = lastOffsets.get(path);
      if (last != null && offset <= last) {
        return true;
      }
      lastOffsets.put(path, offset);
      return false;
    }
  }

  /** The file an app's lines are going to now. */
  private static final class OpenFile {
    final int index;
    final long openedNanos;
    final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    final ZstdOutputStream zstd;
    final CompletableFuture<Void> durable = new CompletableFuture<>();
    long uncompressed;
    String lastPath;
    long lastOffset;
    boolean endsApp;

    OpenFile(int index, long openedNanos) {
      this.index = index;
      this.openedNanos = openedNanos;
      try {
        this.zstd = new ZstdOutputStream(compressed);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void append(byte[] line, String path, Long offset) {
      try {
        zstd.write(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      uncompressed += line.length;
      if (path != null && offset != null) {
        lastPath = path;
        lastOffset = offset;
      }
    }

    /** Ends the zstd frame: the bytes are one complete zstd stream. */
    byte[] finish() {
      try {
        zstd.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return compressed.toByteArray();
    }
  }

  private record Waiting(LogRecord record, CompletableFuture<Void> ack) {}

  private record Recovered(int nextIndex, boolean ended, boolean statusWritten, Map<String, Long> lastOffsets) {}

  private record RolledFile(AppLog app, int index, byte[] content, Map<String, String> metadata,
      long uncompressed, boolean endsApp, CompletableFuture<Void> durable) {}
}
