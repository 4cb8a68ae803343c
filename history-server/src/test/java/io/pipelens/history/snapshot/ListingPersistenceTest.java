package io.pipelens.history.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.RememberedAttempt;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.TestLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing kept in {@code cache.dir}: after a restart, the first scan lists unchanged logs
 * without reading them, and reads the ones that changed, are new, or when the file is damaged.
 */
class ListingPersistenceTest {

  @TempDir Path dir;

  private final AtomicInteger rejected = new AtomicInteger();
  private final SnapshotObserver counting =
      new SnapshotObserver() {
        @Override
        public void rejected(SnapshotFormat.Rejection reason) {
          rejected.incrementAndGet();
        }
      };

  @Test
  void aRestartListsUnchangedLogsWithoutReadingThem() throws Exception {
    Path logs =
        TestLogs.copy(
            dir.resolve("logs"), TestLogs.LOCAL_1422981780767, TestLogs.ATTEMPT_1, TestLogs.ATTEMPT_2,
            TestLogs.YARN_3_0);
    ListingRefresher before = refresher(logs);
    assertThat(before.refresh().logsRead()).isEqualTo(4);
    SnapshotStore store = store();
    store.writeListing(before.readSoFar());

    // One log changes while the server is down.
    Path changed = logs.resolve(TestLogs.LOCAL_1422981780767);
    TestLogs.touch(changed, Files.getLastModifiedTime(changed).toMillis() + 60_000);
    ListingRefresher after = refresher(logs);
    List<RememberedAttempt> kept = store().readListing();
    assertThat(kept).hasSize(4);
    after.remember(kept);
    ScanReport first = after.refresh();

    assertThat(first.logsRead()).as("only the changed log is read").isEqualTo(1);
    assertThat(after.listing().applications()).hasSize(before.listing().applications().size());
    assertThat(attempts(after)).isEqualTo(attempts(before).stream()
        .map(a -> a.logKey().endsWith(TestLogs.LOCAL_1422981780767)
            ? new io.pipelens.history.listing.AttemptSummary(a.appId(), a.appName(), a.attemptId(),
                a.startTime(), a.endTime(), a.lastUpdated() + 60_000, a.duration(), a.sparkUser(),
                a.completed(), a.appSparkVersion(), a.logKey(), a.labels(), a.health())
            : a)
        .toList());
  }

  @Test
  void aDamagedListingIsDeletedCountedAndEverythingIsRead() throws Exception {
    Path logs = TestLogs.copy(dir.resolve("logs"), TestLogs.ATTEMPT_1, TestLogs.ATTEMPT_2);
    ListingRefresher before = refresher(logs);
    before.refresh();
    store().writeListing(before.readSoFar());
    Path file = dir.resolve("cache").resolve(SnapshotStore.LISTING_FILE);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);

    List<RememberedAttempt> kept = store().readListing();

    assertThat(kept).isEmpty();
    assertThat(rejected).hasValue(1);
    assertThat(file).doesNotExist();
    ListingRefresher after = refresher(logs);
    after.remember(kept);
    assertThat(after.refresh().logsRead()).isEqualTo(2);
    assertThat(attempts(after)).isEqualTo(attempts(before));
  }

  private SnapshotStore store() throws Exception {
    SnapshotStore store = new SnapshotStore(dir.resolve("cache"), 1L << 30, counting);
    store.open();
    return store;
  }

  private static ListingRefresher refresher(Path logs) {
    return new ListingRefresher(List.of(new LocalEventLogStore(logs)), new AttemptReader());
  }

  private static List<io.pipelens.history.listing.AttemptSummary> attempts(ListingRefresher r) {
    return r.listing().applications().stream()
        .flatMap(app -> app.attempts().stream())
        .sorted(java.util.Comparator.comparing(a -> a.logKey()))
        .toList();
  }
}
