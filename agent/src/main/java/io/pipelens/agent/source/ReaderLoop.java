package io.pipelens.agent.source;

import io.pipelens.agent.source.FileInputConfig.StartAt;
import io.pipelens.agent.source.TailedFile.State;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread of one input. It owns every {@link TailedFile}, so no reading state is ever
 * shared between threads; discovery only hands it snapshots of what the globs match.
 *
 * <p>Each round reads one chunk ({@code read_buffer_size}) from every open file in turn, so a busy
 * file cannot starve a quiet one. A round that leaves every file read to its end, whether or not
 * it found anything new, is followed by a sleep of the poll interval (or until the next scan
 * arrives): files written a few lines at a time are then read in one chunk per poll interval
 * rather than a chunk per line, which at many files is most of the agent's CPU (a look at a file's
 * size and a read per file per round). Only a file with more than a chunk behind is read again at
 * once. Lines go to the {@link LineConsumer} on this thread, and a consumer that blocks stops
 * reading: the files are the buffer.
 *
 * <p>Rotation and truncation:
 *
 * <ul>
 *   <li>Rename and create: the old file, still open, is no longer at any matched path; it is read
 *       to its end, waits the drain quiet period for a writer that has not reopened yet, delivers
 *       its unfinished last line, and is closed for good. The new file at its path is held back
 *       until the old one has been read to its end once, so their lines stay in order.
 *   <li>Deletion: the same, through the open descriptor.
 *   <li>copytruncate: a size below the read offset, or different first bytes (a file truncated
 *       and refilled between two looks), ends the old contents (the consumer gets {@link
 *       LineConsumer#closed}) and reading restarts at 0 under a new identity; counted as {@code
 *       kind=truncate}. Lines the writer added after the copy and before the truncation, and not
 *       read by then, are lost: that is copytruncate's own race.
 * </ul>
 */
final class ReaderLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ReaderLoop.class);
  private static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final TailContext context;
  private final Fingerprints fingerprints;
  private final int maxOpen;
  private final long idleNanos;
  private final long drainNanos;
  private final long closeIdleNanos;
  private final long pollNanos;

  private final AtomicReference<List<DiscoveredFile>> nextScan = new AtomicReference<>();
  private final CountDownLatch exited = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile Thread thread;

  private final Map<FileKey, TailedFile> tracked = new HashMap<>();
  private final List<TailedFile> open = new ArrayList<>();
  private final ArrayDeque<TailedFile> waiting = new ArrayDeque<>();
  private final byte[] readBuffer;
  private final ByteBuffer readByteBuffer;
  private final byte[] scratch;
  private boolean firstScan = true;
  private boolean openListDirty;
  private long lastHousekeeping;
  private long unpublishedBytes;
  private long lastErrorLog = System.nanoTime() - ERROR_LOG_INTERVAL_NANOS;

  ReaderLoop(TailContext context) {
    this.context = context;
    FileInputConfig config = context.config;
    this.fingerprints = new Fingerprints(config.fingerprintByteCount());
    this.maxOpen = config.maxOpenFiles();
    this.idleNanos = context.options.idleAfter().toNanos();
    this.drainNanos = context.options.drainQuietPeriod().toNanos();
    this.closeIdleNanos = config.closeIdleAfter().toNanos();
    this.pollNanos = context.options.pollInterval().toNanos();
    this.readBuffer = context.allocator.allocate(config.readBufferBytes());
    this.readByteBuffer = ByteBuffer.wrap(readBuffer);
    this.scratch =
        context.allocator.allocate(Math.min(config.readBufferBytes(), config.maxLineBytes()));
  }

  /** Hands over the latest scan; an older one not yet applied is superseded. */
  void offer(List<DiscoveredFile> scan) {
    nextScan.set(scan);
    Thread reader = thread;
    if (reader != null) {
      LockSupport.unpark(reader);
    }
  }

  /** Asks the loop to stop after the current step; see {@link #awaitExit}. */
  void stop() {
    running = false;
    Thread reader = thread;
    if (reader != null) {
      LockSupport.unpark(reader);
    }
  }

  boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
    return exited.await(timeout, unit);
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      while (running) {
        long now = System.nanoTime();
        List<DiscoveredFile> scan = nextScan.getAndSet(null);
        if (scan != null) {
          reconcile(scan, now);
        }
        makeRoom();
        openWaiting();
        boolean moreBehind = readRound(now);
        if (now - lastHousekeeping >= HOUSEKEEPING_NANOS) {
          housekeeping(now);
          lastHousekeeping = now;
        }
        if (!moreBehind && running && nextScan.get() == null) {
          LockSupport.parkNanos(this, pollNanos);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Anything else ends reading for good; the tailer's Liveness watch reports it after this.
      for (TailedFile file : open) {
        file.closeChannel();
      }
      publishMetrics();
      exited.countDown();
    }
  }

  // ---- scans ------------------------------------------------------------------------------

  private void reconcile(List<DiscoveredFile> scan, long now) throws InterruptedException {
    Map<FileKey, DiscoveredFile> found = new HashMap<>(scan.size() * 2);
    for (DiscoveredFile file : scan) {
      found.putIfAbsent(file.key(), file); // a link and its target: read once, under the first path
    }
    Map<Path, TailedFile> goneByPath = new HashMap<>();
    List<TailedFile> closedForGood = new ArrayList<>();
    for (TailedFile file : tracked.values()) {
      DiscoveredFile seen = found.get(file.key);
      if (seen == null) {
        if (file.state != State.OPEN) {
          closedForGood.add(file); // no descriptor left to read it through
        } else if (!file.gone) {
          file.gone = true;
          file.goneSinceNanos = now;
          file.atEnd = false; // insist on one more read after noticing
        }
        if (file.gone) {
          goneByPath.put(file.path, file);
        }
        continue;
      }
      file.gone = false;
      file.path = seen.path();
      if (file.state != State.OPEN) {
        file.size = seen.size();
      }
      if (file.state == State.DORMANT && seen.size() != file.dormantSize) {
        file.state = State.WAITING;
        waiting.add(file);
      } else if (file.state == State.OPEN && file.fingerprint != 0
          && seen.size() >= fingerprints.length()) {
        checkStillSameContents(file);
      }
    }
    for (TailedFile file : closedForGood) {
      closeForGood(file);
    }
    List<TailedFile> newRollingParts = null;
    FileClaims claims = context.options.claims();
    for (DiscoveredFile seen : found.values()) {
      if (!tracked.containsKey(seen.key())
          && !claims.heldByOther(context.input, seen.key(), seen.path())) {
        TailedFile file = track(seen, goneByPath.get(seen.path()), now);
        if (file != null && SparkEventLogFiles.rollingIndex(file.path) >= 0) {
          if (newRollingParts == null) {
            newRollingParts = new ArrayList<>();
          }
          newRollingParts.add(file);
        }
      }
    }
    if (newRollingParts != null) {
      linkRollingParts(newRollingParts);
    }
    firstScan = false;
  }

  /**
   * Gives each new {@code events_<n>_...} file of a rolling event log the part before it in its
   * directory, so that {@link #openWaiting} holds it back until that part is read to its end: a
   * scan that finds several parts at once (the agent started late) would otherwise read them side
   * by side and mix the log's events.
   */
  private void linkRollingParts(List<TailedFile> newParts) {
    for (TailedFile part : newParts) {
      int index = SparkEventLogFiles.rollingIndex(part.path);
      TailedFile earlier = null;
      int earlierIndex = -1;
      for (TailedFile other : tracked.values()) {
        if (other == part || !part.path.getParent().equals(other.path.getParent())) {
          continue;
        }
        int otherIndex = SparkEventLogFiles.rollingIndex(other.path);
        if (otherIndex >= 0 && otherIndex < index && otherIndex > earlierIndex) {
          earlier = other;
          earlierIndex = otherIndex;
        }
      }
      part.earlierPart = earlier;
    }
  }

  private TailedFile track(DiscoveredFile seen, TailedFile predecessor, long now) {
    long fingerprint = 0;
    if (seen.size() >= fingerprints.length()) {
      try (FileChannel channel = FileChannel.open(seen.path(), StandardOpenOption.READ)) {
        fingerprint = fingerprints.of(channel);
      } catch (IOException e) {
        return null; // gone or unreadable since the scan; the next scan decides
      }
    }
    long handedOver = context.options.claims()
        .claim(context.input, seen.key(), seen.path(), fingerprint, seen.size());
    if (handedOver == FileClaims.REFUSED) {
      return null;
    }
    FileIdentity identity =
        new FileIdentity(seen.key().device(), seen.key().inode(), fingerprint);
    OptionalLong saved = context.checkpoints.offset(identity);
    long start;
    if (handedOver >= 0) {
      // Another input read it this far and let go of it (renamed out of its paths): its records
      // move the checkpoint as they are acknowledged, so the checkpoint may still be behind.
      start = handedOver;
    } else if (saved.isPresent()) {
      start = saved.getAsLong();
      if (start > seen.size()) {
        context.metrics.truncations.increment(); // truncated while the agent was away
        start = 0;
      }
    } else {
      start = firstScan && context.config.startAt() == StartAt.END ? seen.size() : 0;
    }
    TailedFile file =
        new TailedFile(context, seen.key(), seen.path(), fingerprint, start, seen.size(), now);
    if (predecessor != null) {
      file.predecessor = predecessor;
      context.metrics.renames.increment();
    }
    tracked.put(file.key, file);
    waiting.add(file);
    context.metrics.filesDiscovered.increment();
    return file;
  }

  private void checkStillSameContents(TailedFile file) throws InterruptedException {
    try {
      long now = fingerprints.of(file.channel);
      if (now != 0 && now != file.fingerprint) {
        contentsReplaced(file);
      }
    } catch (IOException e) {
      readFailed(file, e);
    }
  }

  // ---- opening and closing ----------------------------------------------------------------

  private void makeRoom() {
    if (waiting.isEmpty() || open.size() < maxOpen) {
      return;
    }
    int needed = waiting.size();
    for (TailedFile file : open) {
      if (needed == 0) {
        break;
      }
      if (!file.gone && file.atEnd && file.state == State.OPEN) {
        closeDormant(file);
        needed--;
      }
    }
    removeClosedFromOpenList();
  }

  private void openWaiting() throws InterruptedException {
    int candidates = waiting.size();
    while (open.size() < maxOpen && candidates-- > 0) {
      TailedFile file = waiting.poll();
      if (file.state != State.WAITING || tracked.get(file.key) != file) {
        continue; // closed for good or replaced while waiting
      }
      TailedFile predecessor = file.predecessor;
      if (predecessor != null && tracked.get(predecessor.key) == predecessor
          && predecessor.state == State.OPEN && !predecessor.reachedEnd) {
        waiting.add(file); // read the rotated file to its end first, to keep lines in order
        continue;
      }
      TailedFile earlier = file.earlierPart;
      if (earlier != null && tracked.get(earlier.key) == earlier && !earlier.reachedEnd
          && (earlier.state == State.WAITING || earlier.state == State.OPEN)) {
        waiting.add(file); // a rolling event log's earlier part first, to keep its events in order
        continue;
      }
      file.predecessor = null;
      file.earlierPart = null;
      open(file);
    }
  }

  private void open(TailedFile file) throws InterruptedException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file.path, StandardOpenOption.READ);
      if (!FileKey.stat(file.path).key().equals(file.key)) {
        channel.close(); // rotated between the scan and now: the next scan finds it again
        parkUntilNextScan(file);
        return;
      }
    } catch (NoSuchFileException e) {
      parkUntilNextScan(file);
      return;
    } catch (IOException e) {
      logError("cannot open " + file.path, e);
      parkUntilNextScan(file);
      return;
    }
    file.channel = channel;
    file.state = State.OPEN;
    file.atEnd = false;
    open.add(file);
    try {
      if (file.fingerprint != 0) {
        long now = fingerprints.of(channel);
        if (now != file.fingerprint) {
          contentsReplaced(file); // truncated and refilled, or the inode was reused, while closed
        }
      } else if (channel.size() < file.readOffset) {
        contentsReplaced(file);
      }
    } catch (IOException e) {
      readFailed(file, e);
    }
  }

  private void parkUntilNextScan(TailedFile file) {
    file.state = State.DORMANT;
    file.dormantSize = -1; // any size the next scan sees counts as a change
  }

  private void closeDormant(TailedFile file) {
    long resume = file.resumeOffset();
    file.closeChannel();
    file.state = State.DORMANT;
    file.dormantSize = file.size;
    file.restartAt(resume);
    openListDirty = true;
  }

  /** The file is done: deliver what it still holds, tell the consumer, drop its checkpoint. */
  private void closeForGood(TailedFile file) throws InterruptedException {
    if (file.state == State.OPEN) {
      file.splitter.finish(file.framing);
      file.framing.finish();
    }
    if (file.source() != null) {
      context.consumer.closed(file.source());
    }
    context.checkpoints.forget(file.identity);
    file.closeChannel();
    file.state = State.DORMANT;
    file.dormantSize = Long.MIN_VALUE;
    if (tracked.get(file.key) == file) {
      tracked.remove(file.key);
      context.options.claims()
          .release(context.input, file.key, file.fingerprint, file.resumeOffset());
    }
    openListDirty = true;
  }

  /** copytruncate, or another file at a reused inode: the old contents end here. */
  private void contentsReplaced(TailedFile file) throws InterruptedException {
    context.metrics.truncations.increment();
    if (file.source() != null) {
      context.consumer.closed(file.source());
    }
    context.checkpoints.forget(file.identity);
    file.renew();
  }

  private void removeClosedFromOpenList() {
    if (openListDirty) {
      open.removeIf(file -> file.state != State.OPEN);
      openListDirty = false;
    }
  }

  // ---- reading ----------------------------------------------------------------------------

  /** One chunk from every open file; whether some file still has bytes behind after it. */
  private boolean readRound(long now) throws InterruptedException {
    boolean moreBehind = false;
    for (int i = 0; i < open.size(); i++) {
      TailedFile file = open.get(i);
      if (file.state == State.OPEN) {
        moreBehind |= readChunk(file, now);
      }
    }
    removeClosedFromOpenList();
    return moreBehind;
  }

  /**
   * Reads the next chunk of {@code file}; whether more than that chunk was there to read.
   *
   * <p>A file that had data at the last look is read first and its size asked only when the read
   * filled the buffer (for the lag metric, and to know whether more waits) or came back empty (a
   * size below the offset is copytruncate); a file that was at its end has its size asked first,
   * which for an idle file is the only call. One system call per file and round either way, where
   * asking the size before every read made two.
   */
  private boolean readChunk(TailedFile file, long now) throws InterruptedException {
    try {
      if (!file.hadData) {
        long size = file.channel.size();
        if (size < file.readOffset) {
          contentsReplaced(file);
        }
        if (size <= file.readOffset) {
          atEnd(file, size);
          return false;
        }
      }
      readByteBuffer.clear();
      int read = file.channel.read(readByteBuffer, file.readOffset);
      if (read <= 0) {
        if (file.hadData) {
          file.hadData = false;
          long size = file.channel.size();
          if (size < file.readOffset) {
            contentsReplaced(file); // read from 0 in the next round
            return true;
          }
          atEnd(file, size);
        } else {
          atEnd(file, file.readOffset);
        }
        return false;
      }
      long chunkOffset = file.readOffset;
      file.readOffset += read;
      if (read < readBuffer.length) {
        // A short read of a regular file ends at its end (as it was at this moment), which is
        // also its size: an older, larger size from before a copytruncate must not linger.
        file.size = file.readOffset;
        file.atEnd = true;
      } else {
        file.size = Math.max(file.channel.size(), file.readOffset);
        file.atEnd = file.readOffset >= file.size;
      }
      file.hadData = true;
      file.reachedEnd |= file.atEnd;
      file.lastDataNanos = now;
      file.idleNotified = false;
      unpublishedBytes += read;
      file.announceRead = true;
      file.splitter.feed(readBuffer, read, chunkOffset, scratch, file.framing);
      if (file.fingerprint == 0 && file.readOffset >= fingerprints.length()) {
        learnFingerprint(file);
      }
      return !file.atEnd;
    } catch (IOException e) {
      readFailed(file, e);
      return false;
    }
  }

  private static void atEnd(TailedFile file, long size) {
    file.size = size;
    file.atEnd = true;
    file.reachedEnd = true;
  }

  /**
   * The file just grew past {@code fingerprint_bytes}: its reading state stays as it is, and its
   * checkpoint is re-keyed under the full identity, so a later inode reuse is caught.
   */
  private void learnFingerprint(TailedFile file) throws IOException {
    long fingerprint = fingerprints.of(file.channel);
    if (fingerprint == 0) {
      return;
    }
    file.fingerprint = fingerprint;
    FileIdentity full = new FileIdentity(file.key.device(), file.key.inode(), fingerprint);
    OptionalLong saved = context.checkpoints.offset(file.identity);
    context.checkpoints.advance(full, file.path.toString(), saved.orElse(0));
  }

  private void readFailed(TailedFile file, IOException e) {
    logError("cannot read " + file.path, e);
    long resume = file.resumeOffset();
    file.closeChannel();
    file.restartAt(resume);
    parkUntilNextScan(file);
    openListDirty = true;
  }

  // ---- timers and meters ------------------------------------------------------------------

  private void housekeeping(long now) throws InterruptedException {
    for (TailedFile file : tracked.values()) {
      if (file.source() != null && !file.idleNotified && now - file.lastDataNanos >= idleNanos) {
        file.idleNotified = true;
        context.consumer.idle(file.source());
      }
    }
    List<TailedFile> finished = null;
    for (TailedFile file : open) {
      if (file.state != State.OPEN || !file.atEnd) {
        continue;
      }
      if (file.gone) {
        long quietSince = Math.max(file.lastDataNanos, file.goneSinceNanos);
        if (now - quietSince >= drainNanos) {
          if (finished == null) {
            finished = new ArrayList<>();
          }
          finished.add(file);
        }
      } else if (now - file.lastDataNanos >= closeIdleNanos) {
        closeDormant(file);
      }
    }
    if (finished != null) {
      for (TailedFile file : finished) {
        closeForGood(file);
      }
    }
    removeClosedFromOpenList();
    publishMetrics();
  }

  private void publishMetrics() {
    long behind = 0;
    for (TailedFile file : tracked.values()) {
      behind += Math.max(0, file.size - file.readOffset);
    }
    context.metrics.bytesBehind.set(behind);
    context.metrics.filesOpen.set(open.size());
    if (unpublishedBytes > 0) {
      context.metrics.readBytes.increment(unpublishedBytes);
      unpublishedBytes = 0;
    }
    context.publishCounts();
  }

  private void logError(String what, IOException e) {
    long now = System.nanoTime();
    if (now - lastErrorLog >= ERROR_LOG_INTERVAL_NANOS) {
      lastErrorLog = now;
      LOG.warn("Input {}: {} ({}); retrying at the next scan (further errors within 10 s are not logged)",
          context.input, what, e.toString());
    }
  }
}
