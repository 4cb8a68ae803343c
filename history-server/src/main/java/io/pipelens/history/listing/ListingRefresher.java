package io.pipelens.history.listing;

import io.pipelens.history.source.DiscoveryResult;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDecodeException;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.EventLogStore;
import io.pipelens.history.source.LogFingerprint;
import io.pipelens.history.source.SkipReason;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the application listing in step with the event log stores, one {@link #refresh()} at a
 * time.
 *
 * <p>Each refresh lists every store, reads only logs that are new or whose {@link LogFingerprint}
 * changed since they were last read, forgets logs that disappeared, and publishes a new {@link
 * ApplicationListing}. A store that cannot be listed keeps its previous entries, so a brief outage
 * of a mount does not empty the history. A log that fails to read keeps its previous attempt and is
 * retried on every refresh.
 *
 * <p>{@link #refresh()} is serialised; {@link #listing()} may be called from any thread.
 */
public final class ListingRefresher implements ApplicationCatalog, EventLogLocator {

  private static final Logger LOG = LoggerFactory.getLogger(ListingRefresher.class);

  private final List<EventLogStore> stores;
  private final EventLogDiscovery discovery;
  private final AttemptReader reader;

  /** What each log looked like when last read, by {@link EventLog#key()}; guarded by this. */
  private final Map<String, Known> known = new HashMap<>();

  /**
   * Attempts read before a restart, by log key, until the first refresh sees their logs; guarded
   * by this.
   */
  private Map<String, RememberedAttempt> remembered = Map.of();

  private volatile ApplicationListing listing = ApplicationListing.empty();
  private volatile boolean refreshed;

  /**
   * Ids an on-demand lookup did not find, with when, so that a client asking again and again for
   * an id that is not there costs at most one listing of each store a second; guarded by this.
   */
  private final Map<String, Long> recentMisses =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_REMEMBERED_MISSES;
        }
      };

  private static final int MAX_REMEMBERED_MISSES = 1024;
  private static final long MISS_MEMORY_NANOS = 1_000_000_000L;

  /** Lists {@code stores} (at least one) with {@code reader}. */
  public ListingRefresher(List<EventLogStore> stores, AttemptReader reader) {
    this.stores = List.copyOf(stores);
    if (this.stores.isEmpty()) {
      throw new IllegalArgumentException("no event log store to list");
    }
    this.discovery = new EventLogDiscovery();
    this.reader = reader;
  }

  @Override
  public ApplicationListing listing() {
    return listing;
  }

  /**
   * The listed application, or, when no scan has listed it yet, the one whose logs the stores hold
   * under its id: each store is listed for that name alone (a prefix LIST on an object store), and
   * the logs found are read and listed at once, as a scan would. The next scan finds them
   * unchanged.
   */
  @Override
  public Optional<ApplicationSummary> application(String appId) {
    Optional<ApplicationSummary> listed = listing.application(appId);
    return listed.isPresent() ? listed : lookUp(appId);
  }

  private synchronized Optional<ApplicationSummary> lookUp(String appId) {
    Optional<ApplicationSummary> listed = listing.application(appId);
    if (listed.isPresent()) {
      return listed; // a scan that ran while this waited found it
    }
    long now = System.nanoTime();
    Long missed = recentMisses.get(appId);
    if (missed != null && now - missed < MISS_MEMORY_NANOS) {
      return Optional.empty();
    }
    boolean added = false;
    for (EventLogStore store : stores) {
      List<EventLog> logs;
      try {
        logs = discovery.discover(store, appId);
      } catch (IOException | RuntimeException e) {
        LOG.debug("Cannot look up {} in {}: {}", appId, store.location(), e.toString());
        continue;
      }
      for (EventLog log : logs) {
        if (known.containsKey(log.key())) {
          continue; // listed by a scan, as what it holds: not this application
        }
        try {
          AttemptRead read = reader.read(store, log);
          known.put(
              log.key(),
              new Known(
                  log.fingerprint(),
                  read.attempt().orElse(null),
                  false,
                  new LocatedLog(store, log),
                  null));
          if (read.attempt().isPresent()) {
            added = true;
            LOG.info("Listed {} on demand, before a scan saw it", log.key());
          }
        } catch (IOException | RuntimeException e) {
          // The next scan reads it again and reports what it finds.
          LOG.debug("Cannot read {} on demand: {}", log.key(), e.toString());
        }
      }
    }
    if (added) {
      publish();
    }
    Optional<ApplicationSummary> found = listing.application(appId);
    if (found.isPresent()) {
      recentMisses.remove(appId);
    } else {
      recentMisses.put(appId, now);
    }
    return found;
  }

  @Override
  public synchronized Optional<LocatedLog> locate(String logKey) {
    Known entry = known.get(logKey);
    return entry == null ? Optional.empty() : Optional.of(entry.located());
  }

  /**
   * Attempts read before a restart: the next refresh lists each one whose log still has the same
   * fingerprint without reading it, and reads the others as new.
   */
  public synchronized void remember(List<RememberedAttempt> attempts) {
    Map<String, RememberedAttempt> byKey = new HashMap<>();
    for (RememberedAttempt attempt : attempts) {
      byKey.put(attempt.logKey(), attempt);
    }
    remembered = byKey;
  }

  /** What the listing has read, to {@link #remember} after a restart: cleanly read logs only. */
  public synchronized List<RememberedAttempt> readSoFar() {
    List<RememberedAttempt> read = new ArrayList<>(known.size());
    known.forEach(
        (key, entry) -> {
          if (entry.attempt() != null && !entry.failed() && entry.skip() == null) {
            read.add(new RememberedAttempt(key, entry.fingerprint(), entry.attempt()));
          }
        });
    return read;
  }

  /** Whether at least one refresh has completed, so that {@link #listing()} reflects the stores. */
  public boolean refreshed() {
    return refreshed;
  }

  /** Rescans all stores and publishes the new listing. Never throws for bad stores or logs. */
  public synchronized ScanReport refresh() {
    long started = System.nanoTime();
    Set<String> seen = new HashSet<>();
    Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    List<String> failedStores = new ArrayList<>();
    ParseStats parseErrors = ParseStats.NONE;
    long bytesRead = 0;
    int logs = 0;
    int logsRead = 0;

    for (EventLogStore store : stores) {
      DiscoveryResult found;
      try {
        found = discovery.discover(store);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Cannot list event logs in {}: {}", store.location(), e.toString());
        failedStores.add(store.location());
        for (String key : known.keySet()) {
          if (key.startsWith(store.location())) {
            seen.add(key);
          }
        }
        continue;
      }
      found.skipped().forEach((reason, count) -> skipped.merge(reason, count, Integer::sum));

      for (EventLog log : found.logs()) {
        logs++;
        String key = log.key();
        seen.add(key);
        LogFingerprint fingerprint = log.fingerprint();
        Known previous = known.get(key);
        LocatedLog located = new LocatedLog(store, log);
        if (previous == null && !remembered.isEmpty()) {
          RememberedAttempt earlier = remembered.get(key);
          if (earlier != null
              && earlier.fingerprint().equals(fingerprint)
              && earlier.attempt().logKey().equals(key)) {
            // Read before a restart and unchanged since: listed as it was, nothing read.
            known.put(key, new Known(fingerprint, earlier.attempt(), false, located, null));
            continue;
          }
        }
        if (previous != null && !previous.failed() && previous.fingerprint().equals(fingerprint)) {
          // Unchanged, but a replay should still read the files as this scan listed them.
          known.put(key, previous.at(located));
          if (previous.skip() != null) {
            skipped.merge(previous.skip(), 1, Integer::sum);
          } else if (previous.attempt() == null) {
            skipped.merge(SkipReason.NO_APPLICATION_START, 1, Integer::sum);
          }
          continue;
        }
        if (previous != null && grewWhileRunning(previous, fingerprint)) {
          // A running log that grew: everything the listing shows of it (ids, name, user, start)
          // was in its head, already read; only the update time moves. Spark's
          // spark.history.fs.inProgressOptimization does the same. No byte is read.
          AttemptSummary before = previous.attempt();
          AttemptSummary updated =
              new AttemptSummary(
                  before.appId(),
                  before.appName(),
                  before.attemptId(),
                  before.startTime(),
                  before.endTime(),
                  log.lastModified(),
                  before.duration(),
                  before.sparkUser(),
                  before.completed(),
                  before.appSparkVersion(),
                  before.logKey(),
                  before.labels(),
                  before.health(),
                  before.acls());
          known.put(key, new Known(fingerprint, updated, false, located, null));
          continue;
        }
        logsRead++;
        try {
          AttemptRead read = reader.read(store, log);
          parseErrors = parseErrors.plus(read.parseErrors());
          bytesRead += read.bytesRead();
          known.put(key, new Known(fingerprint, read.attempt().orElse(null), false, located, null));
          if (read.attempt().isEmpty()) {
            skipped.merge(SkipReason.NO_APPLICATION_START, 1, Integer::sum);
            LOG.debug("No application start event in {} yet", key);
          }
          if (read.parseErrors().total() > 0) {
            LOG.warn("Skipped malformed lines in {}: {}", key, read.parseErrors());
          }
        } catch (EventLogDecodeException e) {
          // The bytes are what they are: counted and reported once, read again when they change.
          skipped.merge(e.reason(), 1, Integer::sum);
          LOG.warn("Cannot decode event log {}: {}", key, e.getMessage());
          known.put(
              key,
              new Known(
                  fingerprint,
                  previous == null ? null : previous.attempt(),
                  false,
                  located,
                  e.reason()));
        } catch (IOException | RuntimeException e) {
          skipped.merge(SkipReason.UNREADABLE, 1, Integer::sum);
          boolean quiet =
              (previous != null && previous.failed()) || e instanceof NoSuchFileException;
          if (quiet) {
            // Already reported, or renamed since the listing (an .inprogress log that finished).
            LOG.debug("Cannot read event log {}: {}", key, e.toString());
          } else {
            LOG.warn("Cannot read event log {}: {}", key, e.toString());
          }
          known.put(
              key,
              new Known(
                  fingerprint,
                  previous == null ? null : previous.attempt(),
                  true,
                  located,
                  null));
        }
      }
    }

    known.keySet().retainAll(seen);
    remembered = Map.of();
    recentMisses.clear();
    ApplicationListing next = publish();
    refreshed = true;
    return new ScanReport(
        logs,
        logsRead,
        next.size(),
        skipped,
        parseErrors,
        bytesRead,
        failedStores,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Lists every known attempt; the caller holds this. */
  private ApplicationListing publish() {
    List<AttemptSummary> attempts = new ArrayList<>(known.size());
    for (Known entry : known.values()) {
      if (entry.attempt() != null) {
        attempts.add(entry.attempt());
      }
    }
    ApplicationListing next = ApplicationListing.of(attempts);
    listing = next;
    return next;
  }

  /**
   * @param attempt null when the log has no application start (yet)
   * @param failed the last read threw, so the next refresh reads again whatever the fingerprint
   * @param located where to read the log from for a replay
   * @param skip why the log's content cannot be listed until it changes (a decoding failure), or
   *     null
   */
  private record Known(
      LogFingerprint fingerprint,
      AttemptSummary attempt,
      boolean failed,
      LocatedLog located,
      SkipReason skip) {

    Known at(LocatedLog where) {
      return new Known(fingerprint, attempt, failed, where, skip);
    }
  }

  /**
   * Whether {@code now} is the same running log as {@code before}, only longer: both in progress,
   * the same first file, no fewer bytes, and its attempt already listed.
   */
  private static boolean grewWhileRunning(Known before, LogFingerprint now) {
    LogFingerprint then = before.fingerprint();
    return before.attempt() != null
        && !before.failed()
        && before.skip() == null
        && then.inProgress()
        && now.inProgress()
        && then.firstFile().equals(now.firstFile())
        && now.totalSize() >= then.totalSize();
  }
}
