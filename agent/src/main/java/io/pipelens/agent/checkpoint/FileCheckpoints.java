package io.pipelens.agent.checkpoint;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.agent.checkpoint.CheckpointFile.CorruptCheckpointException;
import io.pipelens.agent.source.Checkpoints;
import io.pipelens.agent.source.FileIdentity;
import io.pipelens.runtime.lifecycle.Service;
import io.pipelens.runtime.liveness.Liveness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Checkpoints} kept in {@code <data dir>/checkpoints.json} (format in {@link
 * CheckpointFile}), written atomically every {@code flushInterval} when something changed, by one
 * thread, {@code pipelens-agent-checkpoint}, and once more by {@link #flush()} or {@link #stop}.
 *
 * <p><b>Matching.</b> Entries are keyed by device and inode; the fingerprint guards against a
 * reused inode. A lookup matches when both fingerprints are equal, or when the stored one is 0
 * (the file was shorter than {@code fingerprint_bytes} when it was last checkpointed, so device
 * and inode alone identify it). A stored fingerprint with a lookup of 0 means the file is now
 * shorter than it was: truncated or replaced, so no match. {@link #advance} with a fingerprint
 * where the entry had 0 fills it in; with 0 where the entry has one it still advances (the tailer
 * keeps a file's first identity while it reads it); with a different non-zero fingerprint it
 * replaces the entry, because another file now has that inode.
 *
 * <p><b>Startup.</b> {@code checkpoints.json} is read; when it is missing or unusable, the
 * temporary file of an interrupted write is tried. An unusable file is renamed aside to {@code
 * checkpoints.json.corrupt-<epoch millis>} (kept for diagnosis, never overwritten) and logged as
 * an error; files without a checkpoint then start as {@code start_at} says. Refusing to start would
 * stop all log collection on the node for a file that can be rebuilt, so the agent goes on.
 *
 * <p><b>Expiry.</b> {@link #forget} drops an entry at once. Besides, an entry whose file is no
 * longer at its path (checked every {@code goneGrace / 4}, at most every minute) is dropped once it
 * has been missing for {@code goneGrace}; the grace covers restarts, and acknowledgements still
 * arriving for a file that was read to its end and deleted.
 *
 * <p>Thread-safe: outputs' acknowledgement threads advance while the tailer reads.
 */
public final class FileCheckpoints implements Checkpoints, Service {

  /** How often a dirty state is written, when not given. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

  /** How long entries of files that are gone are kept, when not given. */
  public static final Duration DEFAULT_GONE_GRACE = Duration.ofHours(1);

  /** Meter: seconds since the last successful write. */
  public static final String CHECKPOINT_AGE = "pipelens.agent.checkpoint.age";

  /** Meter: failed writes. */
  public static final String WRITE_ERRORS = "pipelens.agent.checkpoint.write.errors";

  static final String THREAD_NAME = "pipelens-agent-checkpoint";
  /**
   * The periodic writer in {@link Liveness}. It retries failed writes itself; only an error that
   * escapes it (an {@link Error}) ends it, and with it every later write.
   */
  public static final String WORKER = "agent.checkpoint";

  private static final Logger LOG = LoggerFactory.getLogger(FileCheckpoints.class);
  private static final long ERROR_LOG_INTERVAL_MILLIS = 10_000;

  private final CheckpointFile file;
  private final Duration flushInterval;
  private final Duration goneGrace;
  private final Clock clock;
  private final Counter writeErrors;
  private final Object lock = new Object();
  private final Object writeLock = new Object();

  private final Map<Key, Entry> entries = new HashMap<>(); // guarded by lock
  private boolean dirty; // guarded by lock
  private long lastGoneCheck; // guarded by lock
  private volatile long lastWriteMillis;
  private long lastErrorLogMillis = Long.MIN_VALUE / 2; // guarded by writeLock

  private ScheduledExecutorService executor; // guarded by lock
  private final Liveness liveness;
  private boolean stopped; // guarded by lock

  private record Key(long device, long inode) {}

  private static final class Entry {
    long fingerprint;
    String path;
    long offset;
    Instant updated;
    long lastSeenMillis;

    Entry(long fingerprint, String path, long offset, Instant updated, long lastSeenMillis) {
      this.fingerprint = fingerprint;
      this.path = path;
      this.offset = offset;
      this.updated = updated;
      this.lastSeenMillis = lastSeenMillis;
    }
  }

  /**
   * Loads the checkpoints under {@code dataDir}, creating the directory when needed.
   *
   * @throws UncheckedIOException when the directory cannot be created or read
   */
  public FileCheckpoints(Path dataDir, Duration flushInterval, Duration goneGrace,
      MeterRegistry registry, Clock clock) {
    this(dataDir, flushInterval, goneGrace, registry, clock, new Liveness());
  }

  /**
   * Same as {@link #FileCheckpoints(Path, Duration, Duration, MeterRegistry, Clock)}, with the
   * periodic writer reporting to {@code liveness} as {@value #WORKER} if an unexpected error ends it.
   */
  public FileCheckpoints(Path dataDir, Duration flushInterval, Duration goneGrace,
      MeterRegistry registry, Clock clock, Liveness liveness) {
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.flushInterval = positive("flushInterval", flushInterval);
    this.goneGrace = positive("goneGrace", goneGrace);
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the agent's data directory " + dataDir, e);
    }
    this.file = new CheckpointFile(dataDir);
    this.lastWriteMillis = clock.millis();
    this.lastGoneCheck = clock.millis();
    load();
    Gauge.builder(CHECKPOINT_AGE, this, FileCheckpoints::ageSeconds)
        .description("Seconds since checkpoints were last written successfully")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    this.writeErrors =
        Counter.builder(WRITE_ERRORS)
            .description("Checkpoint writes that failed (retried at the next flush)")
            .register(registry);
  }

  /** Checkpoints under {@code dataDir}, written every second, gone files kept an hour. */
  public static FileCheckpoints open(Path dataDir, MeterRegistry registry) {
    return new FileCheckpoints(dataDir, DEFAULT_FLUSH_INTERVAL, DEFAULT_GONE_GRACE, registry,
        Clock.systemUTC());
  }

  @Override
  public String name() {
    return "checkpoints";
  }

  /** Starts the periodic writer. */
  @Override
  public void start() {
    synchronized (lock) {
      if (executor != null || stopped) {
        throw new IllegalStateException("checkpoints were already " + (stopped ? "stopped" : "started"));
      }
      ScheduledThreadPoolExecutor pool =
          new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
          });
      pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      long period = flushInterval.toNanos();
      pool.scheduleWithFixedDelay(liveness.watchTask(WORKER, this::periodicFlush), period, period,
          TimeUnit.NANOSECONDS);
      executor = pool;
    }
  }

  /** Stops the periodic writer and writes the final state. */
  @Override
  public void stop(Duration deadline) {
    ScheduledExecutorService pool;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      pool = executor;
      executor = null;
    }
    if (pool != null) {
      pool.shutdown();
      try {
        pool.awaitTermination(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }

  @Override
  public OptionalLong offset(FileIdentity identity) {
    synchronized (lock) {
      Entry entry = entries.get(key(identity));
      if (entry == null || !matches(entry.fingerprint, identity.fingerprint())) {
        return OptionalLong.empty();
      }
      entry.lastSeenMillis = clock.millis();
      return OptionalLong.of(entry.offset);
    }
  }

  @Override
  public void advance(FileIdentity identity, String path, long offset) {
    Objects.requireNonNull(path, "path");
    long now = clock.millis();
    synchronized (lock) {
      Key key = key(identity);
      Entry entry = entries.get(key);
      if (entry == null
          || (entry.fingerprint != 0 && identity.fingerprint() != 0
              && entry.fingerprint != identity.fingerprint())) {
        entries.put(key, new Entry(identity.fingerprint(), path, offset, clock.instant(), now));
        dirty = true;
        return;
      }
      if (entry.fingerprint == 0 && identity.fingerprint() != 0) {
        entry.fingerprint = identity.fingerprint();
        dirty = true;
      }
      entry.lastSeenMillis = now;
      if (!entry.path.equals(path)) {
        entry.path = path;
        dirty = true;
      }
      if (offset > entry.offset) {
        entry.offset = offset;
        entry.updated = clock.instant();
        dirty = true;
      }
    }
  }

  @Override
  public void forget(FileIdentity identity) {
    synchronized (lock) {
      Key key = key(identity);
      Entry entry = entries.get(key);
      if (entry != null && compatible(entry.fingerprint, identity.fingerprint())) {
        entries.remove(key);
        dirty = true;
      }
    }
  }

  /**
   * Writes the current state now if it changed since the last write.
   *
   * @throws UncheckedIOException when the write fails (also counted, and retried by the next flush)
   */
  @Override
  public void flush() {
    synchronized (writeLock) {
      List<CheckpointEntry> snapshot;
      synchronized (lock) {
        if (!dirty) {
          lastWriteMillis = clock.millis(); // what is on disk is still the current state
          return;
        }
        snapshot = snapshot();
        dirty = false;
      }
      try {
        file.write(snapshot);
        lastWriteMillis = clock.millis();
      } catch (IOException e) {
        synchronized (lock) {
          dirty = true;
        }
        writeErrors.increment();
        throw new UncheckedIOException("cannot write checkpoints to " + file.path(), e);
      }
    }
  }

  /** A copy of the entries, in no particular order; for tests and diagnostics. */
  public List<CheckpointEntry> entries() {
    synchronized (lock) {
      return snapshot();
    }
  }

  private void periodicFlush() {
    try {
      expireGone();
      flush();
    } catch (UncheckedIOException e) {
      long now = clock.millis();
      synchronized (writeLock) {
        if (now - lastErrorLogMillis >= ERROR_LOG_INTERVAL_MILLIS) {
          lastErrorLogMillis = now;
          LOG.error("Checkpoints not written; retrying every {} (further errors within 10 s are"
              + " not logged)", flushInterval, e);
        }
      }
    } catch (RuntimeException e) {
      // Escaping would cancel every later flush.
      LOG.error("Checkpoint flush failed unexpectedly", e);
    }
  }

  /** Drops entries of files missing from their paths for longer than the grace period. */
  void expireGone() {
    long now = clock.millis();
    List<Map.Entry<Key, Entry>> toCheck;
    synchronized (lock) {
      long every = Math.min(60_000, Math.max(1, goneGrace.toMillis() / 4));
      if (now - lastGoneCheck < every) {
        return;
      }
      lastGoneCheck = now;
      toCheck = new ArrayList<>();
      for (Map.Entry<Key, Entry> entry : entries.entrySet()) {
        toCheck.add(Map.entry(entry.getKey(), entry.getValue()));
      }
    }
    // File system calls outside the lock: acknowledgements must not wait for stat().
    List<Key> present = new ArrayList<>();
    for (Map.Entry<Key, Entry> entry : toCheck) {
      if (isAt(entry.getKey(), entry.getValue().path)) {
        present.add(entry.getKey());
      }
    }
    synchronized (lock) {
      for (Key key : present) {
        Entry entry = entries.get(key);
        if (entry != null) {
          entry.lastSeenMillis = now;
        }
      }
      for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
        if (now - it.next().lastSeenMillis > goneGrace.toMillis()) {
          it.remove();
          dirty = true;
        }
      }
    }
  }

  private static boolean isAt(Key key, String path) {
    try {
      Map<String, Object> attributes = Files.readAttributes(Path.of(path), "unix:dev,ino");
      return (Long) attributes.get("dev") == key.device()
          && (Long) attributes.get("ino") == key.inode();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private double ageSeconds() {
    return (clock.millis() - lastWriteMillis) / 1000.0;
  }

  private List<CheckpointEntry> snapshot() {
    List<CheckpointEntry> snapshot = new ArrayList<>(entries.size());
    entries.forEach((key, entry) -> snapshot.add(new CheckpointEntry(key.device(), key.inode(),
        entry.fingerprint, entry.path, entry.offset, entry.updated)));
    return snapshot;
  }

  private void load() {
    Optional<List<CheckpointEntry>> loaded = readUsable(file.path());
    if (loaded.isEmpty()) {
      loaded = readUsable(file.tempPath());
      loaded.ifPresent(found -> LOG.warn("Checkpoints restored from {}, left by an interrupted"
          + " write", file.tempPath()));
      if (loaded.isPresent()) {
        synchronized (lock) {
          dirty = true; // make it the main file at the first flush
        }
      }
    }
    long now = clock.millis();
    synchronized (lock) {
      for (CheckpointEntry entry : loaded.orElse(List.of())) {
        entries.put(new Key(entry.device(), entry.inode()), new Entry(entry.fingerprint(),
            entry.path(), entry.offset(), entry.updated(), now));
      }
    }
  }

  /** The entries of {@code path}, or empty when it is missing or unusable (then moved aside). */
  private Optional<List<CheckpointEntry>> readUsable(Path path) {
    try {
      return CheckpointFile.read(path);
    } catch (CorruptCheckpointException e) {
      Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + clock.millis());
      try {
        Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
        LOG.error("Checkpoint file {} is unusable ({}); moved it to {}. Files without a checkpoint"
            + " start where start_at says", path, e.getMessage(), aside);
      } catch (IOException moveFailed) {
        LOG.error("Checkpoint file {} is unusable ({}) and could not be moved aside ({}); it will"
            + " be overwritten", path, e.getMessage(), moveFailed.toString());
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints from " + path, e);
    }
  }

  private static boolean matches(long stored, long lookedUp) {
    return stored == lookedUp || stored == 0;
  }

  private static boolean compatible(long stored, long given) {
    return stored == given || stored == 0 || given == 0;
  }

  private static Key key(FileIdentity identity) {
    return new Key(identity.device(), identity.inode());
  }

  private static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }
}
