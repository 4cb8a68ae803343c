package io.pipelens.history.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.replay.ReplayStats;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.store.ReplayObserver;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot store behind {@link AppStoreCache}: a damaged, truncated, foreign or outdated file
 * is counted, deleted and replaced by a replay, never served and never fatal; a log that changed is
 * replayed; the files stay within the disk budget, least recently used out.
 */
class SnapshotStoreTest {

  @TempDir Path dir;

  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger evicted = new AtomicInteger();
  private final Map<SnapshotFormat.Rejection, AtomicInteger> rejected =
      new EnumMap<>(SnapshotFormat.Rejection.class);
  private final AtomicInteger replays = new AtomicInteger();

  private final SnapshotObserver counting =
      new SnapshotObserver() {
        @Override
        public void hit(long bytes, long nanos) {
          hits.incrementAndGet();
        }

        @Override
        public void miss() {
          misses.incrementAndGet();
        }

        @Override
        public synchronized void rejected(SnapshotFormat.Rejection reason) {
          rejected.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void written(long bytes) {
          written.incrementAndGet();
        }

        @Override
        public void evicted() {
          evicted.incrementAndGet();
        }
      };

  private SnapshotStore snapshots;

  @AfterEach
  void close() {
    if (snapshots != null) {
      snapshots.close();
    }
  }

  @Test
  void aRestartReadsTheSnapshotInsteadOfReplaying() throws Exception {
    Setup setup = setup(TestLogs.LOCAL_1422981780767);
    AppStore replayed = cache(setup.refresher).get(setup.key).orElseThrow();
    awaitWrites();
    assertThat(replays).hasValue(1);
    assertThat(written).hasValue(1);
    assertThat(misses).hasValue(1);

    AppStore restored = cache(setup.refresher).get(setup.key).orElseThrow();

    assertThat(replays).as("no second replay").hasValue(1);
    assertThat(hits).hasValue(1);
    assertThat(restored.state().stages()).hasSameSizeAs(replayed.state().stages());
    assertThat(restored.stats().bytesRead()).as("no log bytes read").isZero();
  }

  @Test
  void aTruncatedSnapshotIsCountedDeletedAndReplaced() throws Exception {
    assertDamagedFileIsReplaced(
        bytes -> java.util.Arrays.copyOf(bytes, bytes.length / 2), SnapshotFormat.Rejection.CORRUPT);
  }

  @Test
  void aFlippedByteFailsTheChecksum() throws Exception {
    assertDamagedFileIsReplaced(
        bytes -> {
          bytes[bytes.length / 2] ^= 0x10;
          return bytes;
        },
        SnapshotFormat.Rejection.CORRUPT);
  }

  @Test
  void randomBytesAndAnEmptyFileAreCorrupt() throws Exception {
    assertDamagedFileIsReplaced(
        bytes -> {
          new Random(7).nextBytes(bytes);
          return bytes;
        },
        SnapshotFormat.Rejection.CORRUPT);
    written.set(0);
    replays.set(0);
    hits.set(0);
    rejected.clear();
    assertDamagedFileIsReplaced(bytes -> new byte[0], SnapshotFormat.Rejection.CORRUPT);
  }

  @Test
  void aSnapshotOfAnotherFormatVersionIsNotRead() throws Exception {
    assertDamagedFileIsReplaced(
        bytes -> {
          ByteBuffer.wrap(bytes).putInt(4, SnapshotFormat.VERSION + 1);
          return bytes;
        },
        SnapshotFormat.Rejection.VERSION);
  }

  /**
   * A file with a valid checksum whose content does not decode (a bug, or damage before the
   * checksum was computed) is rejected by the reader's own bounds checks.
   */
  @Test
  void aWellChecksummedButUndecodableBodyIsCorrupt() throws Exception {
    assertDamagedFileIsReplaced(
        bytes -> {
          // Cut the model short after the identity and write a checksum over what is left.
          byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3);
          java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
          crc.update(cut, 0, cut.length - 4);
          ByteBuffer.wrap(cut).putInt(cut.length - 4, (int) crc.getValue());
          return cut;
        },
        SnapshotFormat.Rejection.CORRUPT);
  }

  @Test
  void aChangedLogIsReplayedNotReadFromItsOldSnapshot() throws Exception {
    Setup setup = setup(TestLogs.LOCAL_1422981780767);
    cache(setup.refresher).get(setup.key).orElseThrow();
    awaitWrites();
    Path log = dir.resolve("logs").resolve(TestLogs.LOCAL_1422981780767);
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    // Same log without its last job's end: a different log of the same name.
    int jobEnd = lines.size() - 1;
    while (!lines.get(jobEnd).contains("SparkListenerJobEnd")) {
      jobEnd--;
    }
    List<String> changed = new java.util.ArrayList<>(lines);
    changed.remove(jobEnd);
    TestLogs.write(log, changed);
    TestLogs.touch(log, Files.getLastModifiedTime(log).toMillis() + 5_000);
    setup.refresher.refresh();

    AppStore after = cache(setup.refresher).get(setup.key).orElseThrow();

    assertThat(rejected.get(SnapshotFormat.Rejection.CHANGED)).hasValue(1);
    assertThat(replays).hasValue(2);
    assertThat(after.job(2).orElseThrow().status().name()).isEqualTo("RUNNING");
    awaitWrites();
    assertThat(written).as("the new replay's snapshot").hasValue(2);
    assertThat(cache(setup.refresher).get(setup.key).orElseThrow().job(2).orElseThrow().status())
        .as("read back from the new snapshot")
        .isEqualTo(after.job(2).orElseThrow().status());
    assertThat(hits).hasValue(1);
  }

  @Test
  void aLogStillBeingWrittenIsNotSnapshotted() throws Exception {
    Path logs = dir.resolve("logs");
    TestLogs.copy(logs, TestLogs.LOCAL_1422981780767);
    Files.move(
        logs.resolve(TestLogs.LOCAL_1422981780767),
        logs.resolve(TestLogs.LOCAL_1422981780767 + ".inprogress"));
    ListingRefresher refresher = refresher(logs);
    openStore(1L << 30);
    cache(refresher).get(key(refresher)).orElseThrow();
    awaitWrites();

    assertThat(written).hasValue(0);
    assertThat(snapshots.diskBytes()).isZero();
  }

  @Test
  void filesStayWithinTheDiskBudgetLeastRecentlyUsedOut() throws Exception {
    Path logs = dir.resolve("logs");
    TestLogs.copy(logs, TestLogs.LOCAL_1422981780767, TestLogs.ATTEMPT_1, TestLogs.ATTEMPT_2);
    ListingRefresher refresher = refresher(logs);
    // Measure the three snapshots, then allow one byte less than all three.
    openStore(1L << 30);
    String first = keyOf(refresher, TestLogs.ATTEMPT_1);
    String second = keyOf(refresher, TestLogs.ATTEMPT_2);
    String third = keyOf(refresher, TestLogs.LOCAL_1422981780767);
    AppStoreCache measuring = cache(refresher);
    for (String key : List.of(first, second, third)) {
      measuring.get(key).orElseThrow();
    }
    awaitWrites();
    long all = snapshots.diskBytes();
    snapshots.close();
    for (String key : List.of(first, second, third)) {
      Files.delete(fileOf(refresher, key));
    }
    written.set(0);
    openStore(all - 1);

    AppStoreCache cache = cache(refresher);
    cache.get(first).orElseThrow();
    awaitWrites();
    cache.get(second).orElseThrow();
    awaitWrites();
    // The first is the older one; reading it from disk makes it the most recently used.
    Files.setLastModifiedTime(fileOf(refresher, first), FileTime.fromMillis(1_000));
    Files.setLastModifiedTime(fileOf(refresher, second), FileTime.fromMillis(2_000));
    cache(refresher).get(first).orElseThrow();
    assertThat(hits).hasValue(1);
    cache.get(third).orElseThrow();
    awaitWrites();

    assertThat(written).hasValue(3);
    assertThat(evicted).hasValue(1);
    assertThat(Files.exists(fileOf(refresher, second))).as("least recently used").isFalse();
    assertThat(Files.exists(fileOf(refresher, first))).isTrue();
    assertThat(Files.exists(fileOf(refresher, third))).isTrue();
    assertThat(snapshots.diskBytes()).isLessThan(all);
  }

  @Test
  void openDeletesWhatAnInterruptedWriteLeft() throws Exception {
    Path cacheDir = dir.resolve("cache");
    Files.createDirectories(cacheDir);
    Path temp = Files.writeString(cacheDir.resolve("abc.snap.1-2.tmp"), "half a snapshot");
    openStore(1L << 30);
    assertThat(temp).doesNotExist();
  }

  // ---- helpers ----

  private void assertDamagedFileIsReplaced(
      UnaryOperator<byte[]> damage, SnapshotFormat.Rejection reason) throws Exception {
    Setup setup = setup(TestLogs.LOCAL_1422981780767);
    AppStore replayed = cache(setup.refresher).get(setup.key).orElseThrow();
    awaitWrites();
    Path file = fileOf(setup.refresher, setup.key);
    Files.write(file, damage.apply(Files.readAllBytes(file)));
    int replaysBefore = replays.get();

    AppStore again = cache(setup.refresher).get(setup.key).orElseThrow();

    assertThat(rejected.get(reason)).as("counted as " + reason).hasValue(1);
    assertThat(replays).as("replayed instead").hasValue(replaysBefore + 1);
    assertThat(again.state().jobs()).hasSameSizeAs(replayed.state().jobs());
    awaitWrites();
    assertThat(written).as("a good snapshot written again").hasValue(2);
    cache(setup.refresher).get(setup.key).orElseThrow();
    assertThat(hits).as("the new file is read").hasValue(1);
    snapshots.close();
    Files.deleteIfExists(file);
  }

  private record Setup(ListingRefresher refresher, String key) {}

  private Setup setup(String name) throws IOException {
    Path logs = dir.resolve("logs");
    TestLogs.copy(logs, name);
    ListingRefresher refresher = refresher(logs);
    openStore(1L << 30);
    return new Setup(refresher, key(refresher));
  }

  private void openStore(long maxDisk) throws IOException {
    snapshots = new SnapshotStore(dir.resolve("cache"), maxDisk, counting);
    snapshots.open();
  }

  private void awaitWrites() throws InterruptedException {
    assertThat(snapshots.awaitWrites(Duration.ofSeconds(30))).isTrue();
  }

  private AppStoreCache cache(ListingRefresher refresher) {
    ReplayObserver observer =
        new ReplayObserver() {
          @Override
          public void replayed(ReplayStats stats) {
            replays.incrementAndGet();
          }
        };
    return new AppStoreCache(
        refresher, new EventLogReplayer(), 16, Long.MAX_VALUE, observer, snapshots);
  }

  private static ListingRefresher refresher(Path logs) {
    ListingRefresher refresher =
        new ListingRefresher(List.of(new LocalEventLogStore(logs)), new AttemptReader());
    refresher.refresh();
    return refresher;
  }

  private static String key(ListingRefresher refresher) {
    return refresher.listing().applications().get(0).attempts().get(0).logKey();
  }

  private static String keyOf(ListingRefresher refresher, String fileName) {
    return refresher.listing().applications().stream()
        .flatMap(app -> app.attempts().stream())
        .map(attempt -> attempt.logKey())
        .filter(key -> key.endsWith("/" + fileName))
        .findFirst()
        .orElseThrow();
  }

  private Path fileOf(ListingRefresher refresher, String key) {
    EventLog log = refresher.locate(key).orElseThrow().log();
    return snapshots.fileOf(log);
  }
}
