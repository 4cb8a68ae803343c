package io.pipelens.history.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipelens.history.listing.ApplicationCatalog;
import io.pipelens.history.listing.ParseStats;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.history.replay.ReplayStats;
import io.pipelens.history.snapshot.SnapshotFormat;
import io.pipelens.history.snapshot.SnapshotObserver;
import io.pipelens.history.source.SkipReason;
import io.pipelens.history.store.ReplayObserver;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The history server's own meters (names as Prometheus shows them):
 *
 * <dl>
 *   <dt>{@code pipelens_history_applications} (gauge)
 *   <dd>Applications in the current listing, what {@code /api/v1/applications} returns without
 *       filters.
 *   <dt>{@code pipelens_history_listing_duration_seconds} (timer: {@code _count}, {@code _sum},
 *       {@code _max})
 *   <dd>Wall time of each scan of the event log directories, including reading new and changed
 *       logs.
 *   <dt>{@code pipelens_history_parse_errors_total{reason}} (counter)
 *   <dd>Event log lines skipped while listing: {@code reason="corrupt"} (a complete line that is
 *       not a well-formed event), {@code "truncated"} (an unfinished last line in a log that claims
 *       to be complete), {@code "oversized"} (a line over the 1 MiB limit that could have been a
 *       listing event). A log is re-read only when it changes, so each damaged line counts once per
 *       change of its log.
 *   <dt>{@code pipelens_history_logs_skipped{reason}} (gauge)
 *   <dd>Entries of the log directories that the last scan did not list, by {@link
 *       SkipReason#tag()}: {@code unknown_extension}, {@code hidden}, {@code empty}, {@code unsupported_directory}, {@code
 *       rolling_without_event_files}, {@code rolling_without_appstatus}, {@code
 *       rolling_missing_index}, {@code no_application_start}, {@code undecodable} (a {@code .lz4
 *       .lzf .snappy .zstd} file that is not that codec's stream), {@code decompression_limit} (a
 *       compressed log decoding to more than {@code max_decompressed_bytes}), {@code unreadable}. Every reason is
 *       always exported, 0 when none.
 *   <dt>{@code pipelens_history_replay_bytes_total} (counter)
 *   <dd>Bytes of event logs read from the stores by replays (compressed bytes for compressed
 *       logs), the work behind per-application resources ({@code jobs}, {@code stages}, {@code
 *       executors}, ...). A first replay reads the whole log; an update of a running uncompressed log
 *       reads only what was appended.
 *   <dt>{@code pipelens_history_decode_problems_total{reason}} (counter)
 *   <dd>Compressed event files that did not decode cleanly, by listing and replays together: {@code
 *       reason="truncated"} (decoded up to a damaged or unfinished last block or frame, normal for a
 *       log being written), {@code "undecodable"} (not the codec's format), {@code "limit"}
 *       (stopped at {@code max_decompressed_bytes}).
 *   <dt>{@code pipelens_history_replay_duration_seconds} (timer: {@code _count}, {@code _sum},
 *       {@code _max})
 *   <dd>Wall time of each replay; {@code _count} is the number of replays.
 *   <dt>{@code pipelens_history_replay_lines_skipped_total{reason}} (counter)
 *   <dd>Lines a replay skipped: {@code reason="corrupt"}, {@code "truncated"} (an unfinished last
 *       line, normal while an application runs), {@code "oversized"}.
 *   <dt>{@code pipelens_history_replay_failures_total} (counter)
 *   <dd>Replays that could not read their log (answered with 500).
 *   <dt>{@code pipelens_history_apps_loaded} (gauge)
 *   <dd>Replayed attempts held in memory, within the cache's budget.
 *   <dt>{@code pipelens_history_apps_loaded_size_bytes} (gauge)
 *   <dd>Their estimated retained heap, which {@code cache.max_memory} bounds.
 *   <dt>{@code pipelens_history_app_cache_requests_total{result}} (counter)
 *   <dd>Per-application requests by {@code result="hit"} (the attempt was loaded and its log
 *       unchanged) or {@code "miss"} (it needed a replay).
 *   <dt>{@code pipelens_history_access_denied_total{status}} (counter)
 *   <dd>Requests refused by {@code auth} and {@code acls}: {@code status="401"} (no or wrong
 *       credentials while basic auth is on), {@code "403"} (a user the application's ACLs do not
 *       allow).
 * </dl>
 */
public final class HistoryMetrics {

  /** Meter name of the applications gauge. */
  public static final String APPLICATIONS = "pipelens.history.applications";

  /** Meter name of the scan timer. */
  public static final String LISTING_DURATION = "pipelens.history.listing.duration";

  /** Meter name of the parse error counter. */
  public static final String PARSE_ERRORS = "pipelens.history.parse.errors";

  /** Meter name of the skipped entries gauge. */
  public static final String LOGS_SKIPPED = "pipelens.history.logs.skipped";

  /** Meter name of the replayed bytes counter. */
  public static final String REPLAY_BYTES = "pipelens.history.replay.bytes";

  /** Meter name of the replay timer. */
  public static final String REPLAY_DURATION = "pipelens.history.replay.duration";

  /** Meter name of the replay skipped-lines counter. */
  public static final String REPLAY_LINES_SKIPPED = "pipelens.history.replay.lines.skipped";

  /** Meter name of the decoding problems counter. */
  public static final String DECODE_PROBLEMS = "pipelens.history.decode.problems";

  /** Meter name of the replay failure counter. */
  public static final String REPLAY_FAILURES = "pipelens.history.replay.failures";

  /** Meter name of the loaded applications gauge. */
  public static final String APPS_LOADED = "pipelens.history.apps.loaded";

  /** Meter name of the loaded attempts' estimated size. */
  public static final String APPS_LOADED_BYTES = "pipelens.history.apps.loaded.size";

  /** Meter name of the cache request counter. */
  public static final String APP_CACHE_REQUESTS = "pipelens.history.app.cache.requests";

  /** Meter name of the refused requests counter. */
  public static final String ACCESS_DENIED = "pipelens.history.access.denied";

  /** Meter name of the snapshot load counter. */
  public static final String SNAPSHOT_REQUESTS = "pipelens.history.snapshot.requests";

  /** Meter name of the rejected snapshot counter. */
  public static final String SNAPSHOT_REJECTED = "pipelens.history.snapshot.rejected";

  /** Meter name of the snapshot read timer. */
  public static final String SNAPSHOT_READ_DURATION = "pipelens.history.snapshot.read.duration";

  /** Meter name of the snapshot write counter. */
  public static final String SNAPSHOT_WRITES = "pipelens.history.snapshot.writes";

  /** Meter name of the snapshot eviction counter. */
  public static final String SNAPSHOT_EVICTIONS = "pipelens.history.snapshot.evictions";

  /** Meter name of the snapshot disk gauge. */
  public static final String SNAPSHOT_DISK = "pipelens.history.snapshot.disk";

  private final MeterRegistry registry;
  private final Timer listingDuration;
  private final Counter corrupt;
  private final Counter truncated;
  private final Counter oversized;
  private final Map<SkipReason, AtomicInteger> skipped = new EnumMap<>(SkipReason.class);

  /** Registers the meters; the applications gauge reads {@code catalog} at each scrape. */
  public HistoryMetrics(MeterRegistry registry, ApplicationCatalog catalog) {
    this.registry = registry;
    Gauge.builder(APPLICATIONS, catalog, c -> c.listing().size())
        .description("Spark applications in the history server's listing")
        .strongReference(true)
        .register(registry);
    listingDuration =
        Timer.builder(LISTING_DURATION)
            .description("Time to scan the event log directories and read new or changed logs")
            .register(registry);
    corrupt = parseErrors(registry, "corrupt");
    truncated = parseErrors(registry, "truncated");
    oversized = parseErrors(registry, "oversized");
    for (SkipReason reason : SkipReason.values()) {
      AtomicInteger count = new AtomicInteger();
      skipped.put(reason, count);
      Gauge.builder(LOGS_SKIPPED, count, AtomicInteger::get)
          .description("Entries of the event log directories not listed in the last scan")
          .tag("reason", reason.tag())
          .strongReference(true)
          .register(registry);
    }
  }

  /** Records one scan. */
  public void record(ScanReport report) {
    listingDuration.record(report.duration());
    ParseStats errors = report.parseErrors();
    corrupt.increment(errors.corruptLines());
    truncated.increment(errors.truncatedLines());
    oversized.increment(errors.oversizedLines());
    skipped.forEach((reason, count) -> count.set(report.skipped(reason)));
  }

  /** Counts a request refused with {@code status} (401 or 403) as {@value #ACCESS_DENIED}. */
  public java.util.function.IntConsumer accessDenied() {
    Counter unauthenticated = accessDenied(401);
    Counter forbidden = accessDenied(403);
    return status -> (status == 401 ? unauthenticated : forbidden).increment();
  }

  private Counter accessDenied(int status) {
    return Counter.builder(ACCESS_DENIED)
        .description("Requests refused by the history server's authentication and ACLs")
        .tag("status", Integer.toString(status))
        .register(registry);
  }

  /** Exports {@code decoder}'s counters as {@value #DECODE_PROBLEMS}. */
  public void registerDecoder(io.pipelens.history.source.EventLogDecoder decoder) {
    registerDecodeCounter(decoder, "truncated", decoder::truncatedStreams);
    registerDecodeCounter(decoder, "undecodable", decoder::undecodableStreams);
    registerDecodeCounter(decoder, "limit", decoder::limitExceeded);
  }

  private void registerDecodeCounter(
      io.pipelens.history.source.EventLogDecoder decoder,
      String reason,
      java.util.function.LongSupplier count) {
    io.micrometer.core.instrument.FunctionCounter.builder(
            DECODE_PROBLEMS, decoder, d -> count.getAsLong())
        .tag("reason", reason)
        .description("Compressed event files that did not decode cleanly")
        .register(registry);
  }

  /**
   * The replay meters, fed by an {@link io.pipelens.history.store.AppStoreCache}; {@code loaded} is
   * read at each scrape for {@value #APPS_LOADED}.
   */
  public ReplayObserver replayObserver(IntSupplier loaded) {
    return replayObserver(loaded, null);
  }

  /**
   * As {@link #replayObserver(IntSupplier)}, with {@code loadedBytes} read at each scrape for the
   * loaded attempts' estimated size; none when null.
   */
  public ReplayObserver replayObserver(IntSupplier loaded, LongSupplier loadedBytes) {
    Gauge.builder(APPS_LOADED, loaded, IntSupplier::getAsInt)
        .description("Replayed application attempts held in memory")
        .strongReference(true)
        .register(registry);
    if (loadedBytes != null) {
      Gauge.builder(APPS_LOADED_BYTES, loadedBytes, LongSupplier::getAsLong)
          .baseUnit("bytes")
          .description("Estimated heap retained by the replayed application attempts in memory")
          .strongReference(true)
          .register(registry);
    }
    Counter bytes =
        Counter.builder(REPLAY_BYTES)
            .baseUnit("bytes")
            .description("Event log bytes read by replays")
            .register(registry);
    Timer duration =
        Timer.builder(REPLAY_DURATION)
            .description("Time to replay one application attempt's event log")
            .register(registry);
    Counter corruptLines = skippedLines("corrupt");
    Counter truncatedLines = skippedLines("truncated");
    Counter oversizedLines = skippedLines("oversized");
    Counter failures =
        Counter.builder(REPLAY_FAILURES)
            .description("Replays that could not read their event log")
            .register(registry);
    Counter hits = cacheRequests("hit");
    Counter misses = cacheRequests("miss");
    return new ReplayObserver() {
      @Override
      public void hit() {
        hits.increment();
      }

      @Override
      public void miss() {
        misses.increment();
      }

      @Override
      public void replayed(ReplayStats stats) {
        bytes.increment(stats.bytesRead());
        duration.record(stats.duration());
        corruptLines.increment(stats.corruptLines());
        truncatedLines.increment(stats.truncatedLines());
        oversizedLines.increment(stats.oversizedLines());
      }

      @Override
      public void failed() {
        failures.increment();
      }
    };
  }

  /**
   * The snapshot meters, fed by a {@link io.pipelens.history.snapshot.SnapshotStore}; {@code
   * diskBytes} is read at each scrape.
   */
  public SnapshotObserver snapshotObserver(LongSupplier diskBytes) {
    Gauge.builder(SNAPSHOT_DISK, diskBytes, LongSupplier::getAsLong)
        .baseUnit("bytes")
        .description("Bytes of snapshot files of replayed attempts on disk")
        .strongReference(true)
        .register(registry);
    Counter hits = snapshotRequests("hit");
    Counter misses = snapshotRequests("miss");
    Map<SnapshotFormat.Rejection, Counter> rejected = new EnumMap<>(SnapshotFormat.Rejection.class);
    for (SnapshotFormat.Rejection reason : SnapshotFormat.Rejection.values()) {
      rejected.put(
          reason,
          Counter.builder(SNAPSHOT_REJECTED)
              .description("Snapshot files found but not used (and deleted)")
              .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
    Timer read =
        Timer.builder(SNAPSHOT_READ_DURATION)
            .description("Time to read and decode one snapshot")
            .register(registry);
    Counter written = snapshotWrites("written");
    Counter failed = snapshotWrites("failed");
    Counter evictions =
        Counter.builder(SNAPSHOT_EVICTIONS)
            .description("Snapshot files deleted to stay within cache.max_disk")
            .register(registry);
    return new SnapshotObserver() {
      @Override
      public void hit(long bytes, long nanos) {
        hits.increment();
        read.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
      }

      @Override
      public void miss() {
        misses.increment();
      }

      @Override
      public void rejected(SnapshotFormat.Rejection reason) {
        rejected.get(reason).increment();
      }

      @Override
      public void written(long bytes) {
        written.increment();
      }

      @Override
      public void writeFailed() {
        failed.increment();
      }

      @Override
      public void evicted() {
        evictions.increment();
      }
    };
  }

  private Counter snapshotRequests(String result) {
    return Counter.builder(SNAPSHOT_REQUESTS)
        .description("Loads of attempts not in memory, by whether a snapshot stood in for a replay")
        .tag("result", result)
        .register(registry);
  }

  private Counter snapshotWrites(String result) {
    return Counter.builder(SNAPSHOT_WRITES)
        .description("Snapshots of replayed attempts written to disk, or not")
        .tag("result", result)
        .register(registry);
  }

  private Counter skippedLines(String reason) {
    return Counter.builder(REPLAY_LINES_SKIPPED)
        .description("Event log lines skipped by replays")
        .tag("reason", reason)
        .register(registry);
  }

  private Counter cacheRequests(String result) {
    return Counter.builder(APP_CACHE_REQUESTS)
        .description("Per-application requests, by whether the replay was already loaded")
        .tag("result", result)
        .register(registry);
  }

  private static Counter parseErrors(MeterRegistry registry, String reason) {
    return Counter.builder(PARSE_ERRORS)
        .description("Event log lines skipped while building the listing")
        .tag("reason", reason)
        .register(registry);
  }
}
