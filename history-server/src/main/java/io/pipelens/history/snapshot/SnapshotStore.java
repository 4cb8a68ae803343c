package io.pipelens.history.snapshot;

import io.pipelens.history.listing.RememberedAttempt;
import io.pipelens.history.replay.AppState;
import io.pipelens.history.source.EventLog;
import io.pipelens.runtime.liveness.Liveness;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of replayed attempts on local disk ({@code cache.dir}), so that a restarted server
 * reads a compact binary file instead of replaying an unchanged log.
 *
 * <p>One file per log, named by a hash of the log's key. A file is used only when the log's files
 * (paths, sizes, modification times, ETags) are still those it was written from, and only when it
 * decodes completely with a valid checksum ({@link SnapshotFormat}); any other file is deleted and
 * counted, and the log is replayed. Files are written on one background thread, to a temporary
 * file that is synced before it is renamed over the old one, so a crash leaves either the old file,
 * the new one, or a temporary file that the next start deletes.
 *
 * <p>The listing is kept there too ({@value #LISTING_FILE}), so that the first scan after a restart
 * reads only logs that changed meanwhile.
 *
 * <p><b>Budget.</b> The files are kept within {@code cache.max_disk}: after each write the least
 * recently used ones (by modification time, which a load moves to now) are deleted until the sum
 * fits. A single snapshot larger than the budget is not kept.
 *
 * <p>Thread-safe.
 */
public final class SnapshotStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

  static final String SUFFIX = ".snap";

  /** The listing's file; not a {@link #SUFFIX} file, so not counted in or evicted by the budget. */
  static final String LISTING_FILE = "listing.bin";
  private static final String TEMP_SUFFIX = ".tmp";

  /**
   * Replays waiting to be written at most; beyond it a write is dropped (and counted) rather than
   * holding more replayed models in memory than the cache itself would.
   */
  private static final int MAX_PENDING = 64;

  private final Path directory;
  private final long maxDiskBytes;
  private final SnapshotObserver observer;
  private final ThreadPoolExecutor writer;
  private final Executor writes; // writer, each write watched by liveness
  /** Writes asked for by {@link #save} and not yet done or refused. */
  private final AtomicInteger pendingWrites = new AtomicInteger();
  private final AtomicLong diskBytes = new AtomicLong();
  private volatile boolean opened;

  /** The snapshot writer in {@link Liveness}; failed writes are logged and counted, so only an {@link Error} reports. */
  public static final String WORKER = "history-server.snapshot";

  /** A store of files in {@code directory}; nothing is touched until {@link #open()}. */
  public SnapshotStore(Path directory, long maxDiskBytes, SnapshotObserver observer) {
    this(directory, maxDiskBytes, observer, new Liveness());
  }

  /** As above, its writer thread reporting to {@code liveness}. */
  public SnapshotStore(Path directory, long maxDiskBytes, SnapshotObserver observer, Liveness liveness) {
    if (maxDiskBytes < 1) {
      throw new IllegalArgumentException("maxDiskBytes must be positive");
    }
    this.directory = directory;
    this.maxDiskBytes = maxDiskBytes;
    this.observer = observer;
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING),
            runnable -> {
              Thread thread = new Thread(runnable, "pipelens-history-snapshot");
              thread.setDaemon(true);
              return thread;
            },
            (runnable, executor) -> {
              pendingWrites.decrementAndGet(); // not run: full queue, or closed
              observer.writeFailed();
            });
    this.writes = liveness.watchTasks(WORKER, writer);
  }

  /**
   * Creates the directory when missing, deletes what an interrupted write left in it, and sums
   * the files there; loads and saves before it do nothing.
   *
   * @throws IOException when the directory cannot be created, listed or written
   */
  public void open() throws IOException {
    Files.createDirectories(directory);
    if (!Files.isWritable(directory)) {
      throw new IOException("cannot write to " + directory);
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
    diskBytes.set(total(snapshots()));
    opened = true;
  }

  /** Where the files are. */
  public Path directory() {
    return directory;
  }

  /** Bytes of snapshot files on disk. */
  public long diskBytes() {
    return diskBytes.get();
  }

  /**
   * The replayed state of {@code log} as it is now, from its snapshot; empty when there is none
   * or it cannot be used (then it is deleted). Never throws for a bad file.
   */
  public Optional<AppState> load(EventLog log) {
    if (!opened) {
      return Optional.empty();
    }
    Path file = fileOf(log);
    long started = System.nanoTime();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      observer.miss();
      return Optional.empty();
    } catch (IOException | OutOfMemoryError e) {
      LOG.warn("Cannot read snapshot {} of {}: {}", file, log.key(), e.toString());
      observer.miss();
      return Optional.empty();
    }
    try {
      AppState state = SnapshotFormat.read(bytes, log);
      touch(file);
      observer.hit(bytes.length, System.nanoTime() - started);
      return Optional.of(state);
    } catch (SnapshotFormat.RejectedException e) {
      if (e.reason() == SnapshotFormat.Rejection.CORRUPT) {
        LOG.warn("Deleting damaged snapshot {} of {}: {}", file, log.key(), e.getMessage());
      } else {
        LOG.debug("Deleting snapshot {} of {}: {}", file, log.key(), e.getMessage());
      }
      observer.rejected(e.reason());
      observer.miss();
      delete(file);
      return Optional.empty();
    }
  }

  /**
   * Writes a snapshot of {@code state}, replayed from {@code log}, in the background. The state
   * must no longer change: a replay that is not resumed (a finished or compressed log).
   */
  public void save(EventLog log, AppState state) {
    if (!opened) {
      return;
    }
    pendingWrites.incrementAndGet();
    writes.execute(() -> {
      try {
        write(log, state);
      } finally {
        pendingWrites.decrementAndGet();
      }
    });
  }

  /** Waits until the writes asked for so far are done, for tests and an orderly stop. */
  public boolean awaitWrites(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    // Counted by save and by the task itself: the executor's active count is 0 for a moment
    // after a worker took a task from the queue, so it cannot tell a write about to begin.
    while (pendingWrites.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** Stops the writer; a write under way finishes, waiting ones are dropped. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** As {@link #close()}, waiting at most {@code deadline} for a write under way. */
  public void close(Duration deadline) {
    writer.shutdown();
    try {
      writer.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The file of a log's snapshot. */
  Path fileOf(EventLog log) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(log.key().getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(digest, 0, 20) + SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private void write(EventLog log, AppState state) {
    Path file = fileOf(log);
    try {
      long size;
      state.lock().readLock().lock();
      try {
        size = writeAtomically(file, maxDiskBytes, out -> SnapshotFormat.write(out, log, state));
      } finally {
        state.lock().readLock().unlock();
      }
      if (size < 0) {
        LOG.info("Not keeping the snapshot of {}: it exceeds cache.max_disk", log.key());
        return;
      }
      observer.written(size);
      LOG.debug("Wrote snapshot {} of {} ({} bytes)", file, log.key(), size);
      evictBeyondBudget(file);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot write the snapshot of {} to {}: {}", log.key(), directory, e.toString());
      observer.writeFailed();
    }
  }

  /**
   * The attempts the listing read before the last stop ({@link #writeListing}); empty when there
   * is no listing file or it cannot be used (then it is deleted and counted as rejected).
   */
  public List<RememberedAttempt> readListing() {
    if (!opened) {
      return List.of();
    }
    Path file = directory.resolve(LISTING_FILE);
    try {
      return ListingCodec.read(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      LOG.warn("Cannot read the listing {}: {}", file, e.toString());
      return List.of();
    } catch (SnapshotFormat.RejectedException e) {
      LOG.warn("Deleting the listing {}: {}", file, e.getMessage());
      observer.rejected(e.reason());
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // Read and rejected again next time.
      }
      return List.of();
    }
  }

  /**
   * Keeps what the listing has read, so that the first scan after a restart reads only logs that
   * changed; written on the caller's thread, atomically.
   */
  public void writeListing(List<RememberedAttempt> attempts) {
    if (!opened) {
      return;
    }
    try {
      writeAtomically(directory.resolve(LISTING_FILE), Long.MAX_VALUE,
          out -> ListingCodec.write(out, attempts));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot write the listing to {}: {}", directory, e.toString());
      observer.writeFailed();
    }
  }

  /** What writes a file's content. */
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes to a temporary file in the directory, syncs it and renames it over {@code file}, so a
   * reader sees the old file or the new one, never half of one.
   *
   * @return the size written, or -1 when it exceeded {@code maxBytes} and was not kept
   */
  private long writeAtomically(Path file, long maxBytes, Content content) throws IOException {
    Path temp = directory.resolve(file.getFileName() + "." + Thread.currentThread().getId()
        + "-" + System.nanoTime() + TEMP_SUFFIX);
    try {
      long size;
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
        size = channel.size();
      }
      if (size > maxBytes) {
        return -1;
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return size;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void evictBeyondBudget(Path keep) throws IOException {
    List<Snapshot> files = snapshots();
    long total = total(files);
    files.sort(Comparator.comparing(Snapshot::lastUsed));
    for (Snapshot snapshot : files) {
      if (total <= maxDiskBytes) {
        break;
      }
      if (snapshot.path().equals(keep)) {
        continue;
      }
      delete(snapshot.path());
      total -= snapshot.size();
      observer.evicted();
    }
    diskBytes.set(total);
  }

  private List<Snapshot> snapshots() throws IOException {
    List<Snapshot> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path path : entries) {
        try {
          files.add(new Snapshot(path, Files.size(path), Files.getLastModifiedTime(path)));
        } catch (NoSuchFileException e) {
          // Deleted meanwhile.
        }
      }
    }
    return files;
  }

  private static long total(List<Snapshot> files) {
    long total = 0;
    for (Snapshot file : files) {
      total += file.size();
    }
    return total;
  }

  /** Marks a snapshot as just used, for the least-recently-used order of the budget. */
  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // Only the eviction order suffers.
    }
  }

  private void delete(Path file) {
    try {
      long size = Files.size(file);
      if (Files.deleteIfExists(file)) {
        diskBytes.addAndGet(-size);
      }
    } catch (NoSuchFileException e) {
      // Already gone.
    } catch (IOException e) {
      LOG.warn("Cannot delete snapshot {}: {}", file, e.toString());
    }
  }

  private record Snapshot(Path path, long size, FileTime lastUsed) {}
}
