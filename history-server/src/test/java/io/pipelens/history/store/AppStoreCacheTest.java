package io.pipelens.history.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.replay.ReplayStats;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppStoreCacheTest {

  @TempDir Path dir;

  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger replays = new AtomicInteger();

  private final ReplayObserver counting =
      new ReplayObserver() {
        @Override
        public void hit() {
          hits.incrementAndGet();
        }

        @Override
        public void miss() {
          misses.incrementAndGet();
        }

        @Override
        public void replayed(ReplayStats stats) {
          replays.incrementAndGet();
        }
      };

  @Test
  void replaysOnceThenServesFromMemory() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767);
    ListingRefresher refresher = refresher();
    AppStoreCache cache = new AppStoreCache(refresher, new EventLogReplayer(), 2, counting);
    String key = logKey(refresher, TestLogs.LOCAL_1422981780767);

    AppStore first = cache.get(key).orElseThrow();
    AppStore second = cache.get(key).orElseThrow();

    assertThat(second).isSameAs(first);
    assertThat(misses).hasValue(1);
    assertThat(hits).hasValue(1);
    assertThat(replays).hasValue(1);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void replaysAgainWhenTheLogChanged() throws IOException {
    Path log =
        TestLogs.copy(dir, TestLogs.LOCAL_1422981780767).resolve(TestLogs.LOCAL_1422981780767);
    ListingRefresher refresher = refresher();
    AppStoreCache cache = new AppStoreCache(refresher, new EventLogReplayer(), 2, counting);
    String key = logKey(refresher, TestLogs.LOCAL_1422981780767);
    AppStore before = cache.get(key).orElseThrow();

    TestLogs.append(log, "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"1.2.0\"}\n");
    refresher.refresh();
    AppStore after = cache.get(key).orElseThrow();

    assertThat(after).isNotSameAs(before);
    assertThat(replays).hasValue(2);
    assertThat(after.stats().bytesRead()).isEqualTo(Files.size(log));
  }

  @Test
  void evictsTheLeastRecentlyUsedBeyondItsBound() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767, TestLogs.ATTEMPT_1, TestLogs.ATTEMPT_2);
    ListingRefresher refresher = refresher();
    AppStoreCache cache = new AppStoreCache(refresher, new EventLogReplayer(), 2, counting);
    String a = logKey(refresher, TestLogs.LOCAL_1422981780767);
    String b = logKey(refresher, TestLogs.ATTEMPT_1);
    String c = logKey(refresher, TestLogs.ATTEMPT_2);

    cache.get(a);
    cache.get(b);
    cache.get(a); // a is now the most recently used
    cache.get(c); // evicts b
    cache.get(a);
    cache.get(b);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(replays).hasValue(4);
  }

  @Test
  void evictsTheLeastRecentlyUsedBeyondItsMemoryBudget() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767, TestLogs.SQL_3_3, TestLogs.YARN_3_0);
    ListingRefresher refresher = refresher();
    String a = logKey(refresher, TestLogs.LOCAL_1422981780767);
    String b = logKey(refresher, TestLogs.SQL_3_3);
    String c = logKey(refresher, TestLogs.YARN_3_0);
    long sizeA = estimate(refresher, a);
    long sizeB = estimate(refresher, b);
    long sizeC = estimate(refresher, c);
    // All three do not fit; any two do.
    long budget = sizeA + sizeB + sizeC - 1;
    AppStoreCache cache =
        new AppStoreCache(refresher, new EventLogReplayer(), Integer.MAX_VALUE, budget, counting);

    cache.get(a);
    cache.get(b);
    assertThat(cache.loadedBytes()).isEqualTo(sizeA + sizeB);
    cache.get(a); // a is now the most recently used
    cache.get(c); // over budget: evicts b, the least recently used

    assertThat(cache.isLoaded(a)).isTrue();
    assertThat(cache.isLoaded(b)).isFalse();
    assertThat(cache.isLoaded(c)).isTrue();
    assertThat(cache.loadedBytes()).isEqualTo(sizeA + sizeC).isLessThanOrEqualTo(budget);
    assertThat(replays).hasValue(3);
  }

  @Test
  void anEvictedAttemptIsReplayedAgainWithTheSameAnswers() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767, TestLogs.SQL_3_3);
    ListingRefresher refresher = refresher();
    String a = logKey(refresher, TestLogs.LOCAL_1422981780767);
    String b = logKey(refresher, TestLogs.SQL_3_3);
    long budget = Math.max(estimate(refresher, a), estimate(refresher, b));
    AppStoreCache cache =
        new AppStoreCache(refresher, new EventLogReplayer(), Integer.MAX_VALUE, budget, counting);

    AppStore first = cache.get(b).orElseThrow();
    cache.get(a); // evicts b
    assertThat(cache.isLoaded(b)).isFalse();
    AppStore again = cache.get(b).orElseThrow();

    assertThat(again).isNotSameAs(first);
    assertThat(replays).hasValue(3);
    assertThat(cache.isLoaded(a)).as("evicted in turn").isFalse();
    assertThat(again.stats().bytesRead()).isEqualTo(first.stats().bytesRead());
    assertThat(again.state().estimatedBytes()).isEqualTo(first.state().estimatedBytes());
    assertThat(again.jobs(java.util.Set.of()))
        .extracting(j -> j.jobId() + ":" + j.status() + ":" + j.completedTasks())
        .containsExactlyElementsOf(
            first.jobs(java.util.Set.of()).stream()
                .map(j -> j.jobId() + ":" + j.status() + ":" + j.completedTasks())
                .toList());
    assertThat(again.state().sqlExecution(0).metricValues())
        .isEqualTo(first.state().sqlExecution(0).metricValues())
        .isNotEmpty();
  }

  @Test
  void anAttemptLargerThanTheBudgetStaysLoadedAlone() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767, TestLogs.SQL_3_3);
    ListingRefresher refresher = refresher();
    String a = logKey(refresher, TestLogs.LOCAL_1422981780767);
    String b = logKey(refresher, TestLogs.SQL_3_3);
    AppStoreCache cache =
        new AppStoreCache(refresher, new EventLogReplayer(), Integer.MAX_VALUE, 1, counting);

    cache.get(a);
    cache.get(b);

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.isLoaded(b)).isTrue();
    assertThat(cache.get(b)).isPresent();
    assertThat(hits).hasValue(1);
  }

  /** The size the cache will count an attempt with, from a replay of its own. */
  private long estimate(ListingRefresher refresher, String key) throws IOException {
    AppStoreCache alone = new AppStoreCache(refresher, new EventLogReplayer(), 1, ReplayObserver.NONE);
    alone.get(key).orElseThrow();
    return alone.loadedBytes();
  }

  @Test
  void isEmptyForALogNoLongerListed() throws IOException {
    Path log =
        TestLogs.copy(dir, TestLogs.LOCAL_1422981780767).resolve(TestLogs.LOCAL_1422981780767);
    ListingRefresher refresher = refresher();
    AppStoreCache cache = new AppStoreCache(refresher, new EventLogReplayer(), 2, counting);
    String key = logKey(refresher, TestLogs.LOCAL_1422981780767);
    cache.get(key);

    Files.delete(log);
    refresher.refresh();

    assertThat(cache.get(key)).isEmpty();
    assertThat(cache.size()).isZero();
  }

  private ListingRefresher refresher() {
    ListingRefresher refresher =
        new ListingRefresher(List.of(new LocalEventLogStore(dir)), new AttemptReader());
    refresher.refresh();
    return refresher;
  }

  private static String logKey(ListingRefresher refresher, String fileName) {
    return refresher.listing().applications().stream()
        .flatMap(app -> app.attempts().stream())
        .map(attempt -> attempt.logKey())
        .filter(key -> key.endsWith("/" + fileName))
        .findFirst()
        .orElseThrow();
  }
}
