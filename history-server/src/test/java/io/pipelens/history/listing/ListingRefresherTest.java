package io.pipelens.history.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.source.SkipReason;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingRefresherTest {

  @TempDir Path dir;

  @Test
  void rereadsOnlyNewOrChangedLogs() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767, TestLogs.ATTEMPT_1, TestLogs.YARN_3_0);
    ListingRefresher refresher = refresher(dir);
    assertThat(refresher.refreshed()).isFalse();

    ScanReport first = refresher.refresh();
    assertThat(first.logs()).isEqualTo(3);
    assertThat(first.logsRead()).isEqualTo(3);
    assertThat(first.applications()).isEqualTo(3);
    assertThat(refresher.refreshed()).isTrue();

    ScanReport unchanged = refresher.refresh();
    assertThat(unchanged.logsRead()).isZero();
    assertThat(unchanged.bytesRead()).isZero();
    assertThat(unchanged.applications()).isEqualTo(3);

    TestLogs.copy(dir, TestLogs.ATTEMPT_2);
    ScanReport newAttempt = refresher.refresh();
    assertThat(newAttempt.logsRead()).isEqualTo(1);
    assertThat(newAttempt.applications()).as("a second attempt joins its application").isEqualTo(3);
    assertThat(refresher.listing().application("local-1426533911241").orElseThrow().attempts())
        .extracting(AttemptSummary::attemptId)
        .containsExactly("2", "1");

    TestLogs.touch(dir.resolve(TestLogs.YARN_3_0), 1_234_000L);
    assertThat(refresher.refresh().logsRead()).as("same size, new modification time").isEqualTo(1);

    Files.delete(dir.resolve(TestLogs.LOCAL_1422981780767));
    ScanReport removed = refresher.refresh();
    assertThat(removed.logsRead()).isZero();
    assertThat(removed.applications()).isEqualTo(2);
    assertThat(refresher.listing().application("local-1422981780767")).isEmpty();
  }

  @Test
  void followsAnApplicationFromRunningToCompleted() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    int end = TestLogs.indexOf(lines, "\"Event\":\"SparkListenerApplicationEnd\"");
    Path inProgress = dir.resolve("local-1422981780767.inprogress");
    TestLogs.write(inProgress, lines.subList(0, 10));
    ListingRefresher refresher = refresher(dir);

    refresher.refresh();
    assertThat(onlyApp(refresher).running()).isTrue();
    assertThat(refresher.listing().applications()).hasSize(1);

    TestLogs.write(inProgress, lines.subList(0, end));
    Files.setLastModifiedTime(
        inProgress, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
    ScanReport grew = refresher.refresh();
    // A running log that grew: its listing entry comes from its head, already read; only the
    // update time moves, and nothing is read again.
    assertThat(grew.logsRead()).as("the log grew").isZero();
    assertThat(grew.bytesRead()).isZero();
    assertThat(onlyApp(refresher).running()).isTrue();
    assertThat(onlyApp(refresher).latestAttempt().lastUpdated()).isEqualTo(1_700_000_000_000L);

    Files.move(inProgress, dir.resolve("local-1422981780767"));
    TestLogs.write(dir.resolve("local-1422981780767"), lines);
    ScanReport done = refresher.refresh();
    assertThat(done.logsRead()).isEqualTo(1);
    ApplicationSummary app = onlyApp(refresher);
    assertThat(app.running()).isFalse();
    assertThat(app.latestAttempt().endTime()).isEqualTo(1422981788731L);
  }

  @Test
  void countsSkippedEntriesAndParseErrorsPerScan() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767);
    Files.writeString(dir.resolve("app-1.zstd"), "compressed");
    Files.writeString(
        dir.resolve("no-start"),
        "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.0\"}\n");
    TestLogs.append(dir.resolve(TestLogs.LOCAL_1422981780767), "garbage\n");
    ListingRefresher refresher = refresher(dir);

    ScanReport first = refresher.refresh();
    // Not a zstd stream: counted as undecodable on every scan, read again only when it changes.
    assertThat(first.skipped(SkipReason.UNDECODABLE)).isEqualTo(1);
    assertThat(first.skipped(SkipReason.NO_APPLICATION_START)).isEqualTo(1);
    assertThat(first.parseErrors()).isEqualTo(new ParseStats(1, 0, 0));
    assertThat(first.applications()).isEqualTo(1);

    ScanReport second = refresher.refresh();
    assertThat(second.skipped(SkipReason.NO_APPLICATION_START)).as("still true").isEqualTo(1);
    assertThat(second.parseErrors())
        .as("not counted again for an unchanged log")
        .isEqualTo(ParseStats.NONE);
  }

  @Test
  void keepsTheListingOfAStoreThatCannotBeListed() throws IOException {
    Path logs = TestLogs.copy(dir.resolve("logs"), TestLogs.LOCAL_1422981780767);
    ListingRefresher refresher = refresher(logs);
    refresher.refresh();

    Path moved = Files.move(logs, dir.resolve("elsewhere"));
    ScanReport outage = refresher.refresh();
    assertThat(outage.failedStores()).containsExactly(new LocalEventLogStore(logs).location());
    assertThat(outage.applications()).isEqualTo(1);

    Files.move(moved, logs);
    ScanReport back = refresher.refresh();
    assertThat(back.failedStores()).isEmpty();
    assertThat(back.logsRead()).isZero();
  }

  @Test
  void listsSeveralStoresAsOne() throws IOException {
    Path a = TestLogs.copy(dir.resolve("a"), TestLogs.ATTEMPT_1);
    Path b = TestLogs.copy(dir.resolve("b"), TestLogs.ATTEMPT_2, TestLogs.YARN_3_0);
    ListingRefresher refresher =
        new ListingRefresher(
            List.of(new LocalEventLogStore(a), new LocalEventLogStore(b)), new AttemptReader());

    assertThat(refresher.refresh().applications()).isEqualTo(2);
    assertThat(refresher.listing().application("local-1426533911241").orElseThrow().attempts())
        .hasSize(2);
  }

  @Test
  void anApplicationNoScanHasSeenIsListedOnDemandByItsId() throws IOException {
    TestLogs.copy(dir, TestLogs.YARN_3_0);
    ListingRefresher refresher = refresher(dir);
    refresher.refresh();
    // Written after the scan: a single file with an attempt id, and a rolling log.
    TestLogs.copy(dir, TestLogs.ATTEMPT_1);
    Files.move(dir.resolve(TestLogs.ATTEMPT_1), dir.resolve(TestLogs.ATTEMPT_1 + "_1.inprogress"));
    Path rolling = Files.createDirectories(dir.resolve("eventlog_v2_" + TestLogs.LOCAL_1422981780767));
    TestLogs.copy(rolling, TestLogs.LOCAL_1422981780767);
    Files.move(rolling.resolve(TestLogs.LOCAL_1422981780767),
        rolling.resolve("events_1_" + TestLogs.LOCAL_1422981780767));
    Files.writeString(rolling.resolve("appstatus_" + TestLogs.LOCAL_1422981780767), "");
    assertThat(refresher.listing().application(TestLogs.ATTEMPT_1)).isEmpty();

    ApplicationSummary single = refresher.application(TestLogs.ATTEMPT_1).orElseThrow();
    ApplicationSummary fromRolling = refresher.application(TestLogs.LOCAL_1422981780767).orElseThrow();

    assertThat(single.attempts()).singleElement()
        .satisfies(a -> assertThat(a.logKey()).endsWith(TestLogs.ATTEMPT_1 + "_1.inprogress"));
    assertThat(fromRolling.attempts()).singleElement()
        .satisfies(a -> assertThat(a.logKey()).endsWith("eventlog_v2_" + TestLogs.LOCAL_1422981780767));
    assertThat(refresher.listing().applications()).as("listed for every reader at once").hasSize(3);
    ScanReport next = refresher.refresh();
    assertThat(next.logsRead()).as("the next scan finds them read already").isZero();
    assertThat(next.applications()).isEqualTo(3);
  }

  @Test
  void anOnDemandLookupReadsOnlyLogsNamedForTheId() throws IOException {
    // A log whose name starts like the id but names another application.
    TestLogs.copy(dir, TestLogs.ATTEMPT_1);
    Files.move(dir.resolve(TestLogs.ATTEMPT_1), dir.resolve(TestLogs.ATTEMPT_1 + "9"));
    ListingRefresher refresher = refresher(dir);

    assertThat(refresher.application(TestLogs.ATTEMPT_1)).isEmpty();
    assertThat(refresher.application("local-1")).isEmpty();
    assertThat(refresher.listing().applications()).isEmpty();
    assertThat(refresher.refresh().applications()).as("a scan lists it, as what it holds").isEqualTo(1);
  }

  private static ListingRefresher refresher(Path directory) {
    return new ListingRefresher(List.of(new LocalEventLogStore(directory)), new AttemptReader());
  }

  private static ApplicationSummary onlyApp(ListingRefresher refresher) {
    assertThat(refresher.listing().applications()).hasSize(1);
    return refresher.listing().applications().get(0);
  }
}
