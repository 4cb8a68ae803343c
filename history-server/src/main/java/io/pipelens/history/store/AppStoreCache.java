package io.pipelens.history.store;

import io.pipelens.core.config.DataSize;
import io.pipelens.history.listing.EventLogLocator;
import io.pipelens.history.listing.LocatedLog;
import io.pipelens.history.replay.AppState;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.replay.ReplayProgress;
import io.pipelens.history.replay.ReplayResult;
import io.pipelens.history.replay.ReplayStats;
import io.pipelens.history.snapshot.SnapshotStore;
import io.pipelens.history.source.LogFingerprint;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replayed attempts kept in memory within a memory budget, least recently used evicted beyond it,
 * and replayed again when the listing shows their log changed (size, modification time, file
 * names, completion). A log still being written that only grew is not replayed again: the loaded
 * state is {@linkplain EventLogReplayer#resume resumed} with the appended lines, so an update reads
 * about as many bytes as were appended.
 *
 * <p><b>Budget.</b> Each loaded attempt counts with its {@linkplain AppState#estimatedBytes()
 * estimated retained size}, taken after each replay or resume. When the sum exceeds the budget,
 * the least recently used attempts are dropped until it fits again, except the one just loaded,
 * which a request is waiting for: an attempt larger than the whole budget stays loaded alone. An
 * evicted attempt is replayed again on its next request. A count limit can be set as well.
 *
 * <p><b>Snapshots.</b> With a {@link SnapshotStore} ({@code cache.dir}), the replay of a log that
 * is not resumed (finished, or compressed) is also written to disk, and an attempt not in memory is
 * read from its snapshot when the log is unchanged, which is what makes a restart cheap.
 *
 * <p>Thread-safe. Two requests for the same attempt share one replay; replays of different attempts
 * run in parallel on the requesting threads.
 */
public final class AppStoreCache {

  private static final Logger LOG = LoggerFactory.getLogger(AppStoreCache.class);

  /** What an attempt read from its snapshot reports: no log bytes read. */
  private static final ReplayStats FROM_SNAPSHOT =
      new ReplayStats(0, 0, 0, 0, 0, 0, 0, Duration.ZERO);

  private final EventLogLocator locator;
  private final EventLogReplayer replayer;
  private final int maxApplications;
  private final long maxBytes;
  private final ReplayObserver observer;

  /** Snapshots on disk; null without {@code cache.dir}. */
  private final SnapshotStore snapshots;

  /** Access-ordered: iteration starts at the least recently used; guarded by itself. */
  private final LinkedHashMap<String, Loaded> loaded = new LinkedHashMap<>(16, 0.75f, true);

  /** The estimated size of everything in {@link #loaded}; guarded by it. */
  private long loadedBytes;

  private final Map<String, Object> loadLocks = new ConcurrentHashMap<>();

  /**
   * @param locator finds the files of a listed log
   * @param replayer reads them
   * @param maxApplications attempts kept loaded, at least 1
   * @param observer told about hits, misses and replays
   */
  public AppStoreCache(
      EventLogLocator locator,
      EventLogReplayer replayer,
      int maxApplications,
      ReplayObserver observer) {
    this(locator, replayer, maxApplications, Long.MAX_VALUE, observer);
  }

  /**
   * @param locator finds the files of a listed log
   * @param replayer reads them
   * @param maxMemory the budget of the loaded attempts' estimated sizes
   * @param observer told about hits, misses and replays
   */
  public AppStoreCache(
      EventLogLocator locator,
      EventLogReplayer replayer,
      DataSize maxMemory,
      ReplayObserver observer) {
    this(locator, replayer, Integer.MAX_VALUE, maxMemory.bytes(), observer);
  }

  /**
   * @param maxApplications attempts kept loaded, at least 1
   * @param maxBytes the budget of their estimated sizes, at least 1
   */
  public AppStoreCache(
      EventLogLocator locator,
      EventLogReplayer replayer,
      int maxApplications,
      long maxBytes,
      ReplayObserver observer) {
    this(locator, replayer, maxApplications, maxBytes, observer, null);
  }

  /**
   * @param maxApplications attempts kept loaded, at least 1
   * @param maxBytes the budget of their estimated sizes, at least 1
   * @param snapshots where replays that are not resumed (finished or compressed logs) are kept on
   *     disk and read back instead of replaying; null for none
   */
  public AppStoreCache(
      EventLogLocator locator,
      EventLogReplayer replayer,
      int maxApplications,
      long maxBytes,
      ReplayObserver observer,
      SnapshotStore snapshots) {
    if (maxApplications < 1) {
      throw new IllegalArgumentException("maxApplications must be at least 1");
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1");
    }
    this.locator = Objects.requireNonNull(locator, "locator");
    this.replayer = Objects.requireNonNull(replayer, "replayer");
    this.maxApplications = maxApplications;
    this.maxBytes = maxBytes;
    this.observer = Objects.requireNonNull(observer, "observer");
    this.snapshots = snapshots;
  }

  /**
   * The replayed attempt of the log with this key; empty when the log is no longer listed.
   *
   * @throws IOException when the log cannot be read
   */
  public Optional<AppStore> get(String logKey) throws IOException {
    Optional<LocatedLog> located = locator.locate(logKey);
    if (located.isEmpty()) {
      invalidate(logKey);
      return Optional.empty();
    }
    LogFingerprint fingerprint = located.get().log().fingerprint();
    Loaded current = cached(logKey, fingerprint);
    if (current != null) {
      observer.hit();
      return Optional.of(current.store());
    }
    Object lock = loadLocks.computeIfAbsent(logKey, k -> new Object());
    synchronized (lock) {
      current = cached(logKey, fingerprint);
      if (current != null) {
        // Another request replayed it while this one waited.
        observer.hit();
        return Optional.of(current.store());
      }
      observer.miss();
      Loaded stale = peek(logKey);
      ReplayResult result = null;
      try {
        if (stale != null && stale.progress() != null) {
          // A running log that grew: apply only the new lines to the state already loaded.
          result =
              replayer
                  .resume(stale.progress(), located.get().store(), located.get().log())
                  .orElse(null);
          if (result != null) {
            LOG.debug("Resumed {} from offset {}", logKey, stale.progress().offset());
          }
        }
        if (result == null && snapshots != null) {
          Optional<AppState> restored = snapshots.load(located.get().log());
          if (restored.isPresent()) {
            LOG.debug("Read {} from its snapshot", logKey);
            AppStore store = new AppStore(restored.get(), FROM_SNAPSHOT);
            put(logKey, new Loaded(fingerprint, store, null, restored.get().estimatedBytes()));
            return Optional.of(store);
          }
        }
        if (result == null) {
          result = replayer.replay(located.get().store(), located.get().log());
          if (snapshots != null && result.progress() == null) {
            // Nothing changes this state any more (a resumable one is kept in memory only).
            snapshots.save(located.get().log(), result.state());
          }
        }
      } catch (IOException e) {
        // A resume that failed half-way leaves its state neither old nor new: replay it anew.
        invalidate(logKey);
        observer.failed();
        throw e;
      }
      ReplayStats stats = result.stats();
      observer.replayed(stats);
      if (stats.corruptLines() + stats.oversizedLines() > 0) {
        LOG.warn("Skipped damaged lines replaying {}: {}", logKey, stats);
      }
      LOG.debug("Replayed {}: {}", logKey, stats);
      AppStore store = new AppStore(result.state(), stats);
      put(logKey, new Loaded(fingerprint, store, result.progress(), result.state().estimatedBytes()));
      return Optional.of(store);
    }
  }

  /**
   * The loaded replay of this log, if there is one, possibly of an older version of it; never
   * replays. The web UI's application list takes failure counts from it that the listing lacks.
   */
  public Optional<AppStore> ifLoaded(String logKey) {
    Loaded loaded = peek(logKey);
    return loaded == null ? Optional.empty() : Optional.of(loaded.store());
  }

  /** Where the cache finds logs; also what downloads read, which need no replay. */
  public EventLogLocator locator() {
    return locator;
  }

  /** How many attempts are loaded. */
  public int size() {
    synchronized (loaded) {
      return loaded.size();
    }
  }

  /** The estimated size of the loaded attempts, which the budget bounds. */
  public long loadedBytes() {
    synchronized (loaded) {
      return loadedBytes;
    }
  }

  /** Whether the attempt of this log is loaded, without counting as a use. */
  public boolean isLoaded(String logKey) {
    return peek(logKey) != null;
  }

  /** Drops a loaded attempt, e.g. because its log disappeared. */
  public void invalidate(String logKey) {
    synchronized (loaded) {
      Loaded removed = loaded.remove(logKey);
      if (removed != null) {
        loadedBytes -= removed.bytes();
      }
    }
  }

  private Loaded cached(String logKey, LogFingerprint fingerprint) {
    synchronized (loaded) {
      Loaded entry = loaded.get(logKey);
      return entry != null && entry.fingerprint().equals(fingerprint) ? entry : null;
    }
  }

  private void put(String logKey, Loaded entry) {
    synchronized (loaded) {
      Loaded replaced = loaded.put(logKey, entry);
      loadedBytes += entry.bytes() - (replaced == null ? 0 : replaced.bytes());
      // The entry just put is the most recently used, last in order: never evicted here.
      while (loaded.size() > 1 && (loaded.size() > maxApplications || loadedBytes > maxBytes)) {
        Map.Entry<String, Loaded> eldest = loaded.entrySet().iterator().next();
        loaded.remove(eldest.getKey());
        loadedBytes -= eldest.getValue().bytes();
        LOG.debug(
            "Evicted replayed attempt {} (about {} bytes)", eldest.getKey(), eldest.getValue().bytes());
      }
    }
  }

  /** The loaded entry whatever its fingerprint, without touching the access order. */
  private Loaded peek(String logKey) {
    synchronized (loaded) {
      // LinkedHashMap.get would count as an access; a stale entry must not look recently used.
      for (Map.Entry<String, Loaded> entry : loaded.entrySet()) {
        if (entry.getKey().equals(logKey)) {
          return entry.getValue();
        }
      }
      return null;
    }
  }

  /**
   * @param progress where to resume when the log grows; null for a log that cannot be resumed
   * @param bytes the estimated retained size when it was loaded
   */
  private record Loaded(
      LogFingerprint fingerprint, AppStore store, ReplayProgress progress, long bytes) {}
}
