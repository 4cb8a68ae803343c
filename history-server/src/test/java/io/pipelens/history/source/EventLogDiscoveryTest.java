package io.pipelens.history.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogDiscoveryTest {

  @TempDir Path dir;

  private final EventLogDiscovery discovery = new EventLogDiscovery();

  @Test
  void classifiesSingleFileLogsAndCountsWhatItSkips() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767, TestLogs.ATTEMPT_1);
    Files.copy(dir.resolve(TestLogs.ATTEMPT_1), dir.resolve("app-1_1.inprogress"));
    Files.writeString(dir.resolve("app-2.lz4"), "x");
    Files.writeString(dir.resolve("app-3.zstd.inprogress"), "x");
    Files.writeString(dir.resolve("app-4.snappy"), "x");
    Files.writeString(dir.resolve("app-5.LZF"), "x");
    Files.writeString(dir.resolve("README.md"), "x");
    Files.writeString(dir.resolve(".0a1b2c"), "x");
    Files.createFile(dir.resolve("app-6"));
    Files.createDirectories(dir.resolve("local-1425081759268").resolve("EVENT_LOG_1"));

    DiscoveryResult result = discovery.discover(new LocalEventLogStore(dir));

    Map<String, EventLog> byName = byName(result.logs());
    // Compressed logs are listed (their content is judged when read); other extensions are not.
    assertThat(byName)
        .containsOnlyKeys(
            TestLogs.LOCAL_1422981780767,
            TestLogs.ATTEMPT_1,
            "app-1_1.inprogress",
            "app-2.lz4",
            "app-3.zstd.inprogress",
            "app-4.snappy",
            "app-5.LZF");
    assertThat(byName.get("app-3.zstd.inprogress").codec())
        .isEqualTo(io.pipelens.history.source.EventLogCodec.ZSTD);
    assertThat(byName.get("app-5.LZF").codec())
        .isEqualTo(io.pipelens.history.source.EventLogCodec.LZF);
    assertThat(byName.get(TestLogs.ATTEMPT_1).inProgress()).isFalse();
    assertThat(byName.get("app-1_1.inprogress").inProgress()).isTrue();
    assertThat(byName.get(TestLogs.ATTEMPT_1).layout()).isEqualTo(LogLayout.SINGLE_FILE);
    assertThat(byName.get(TestLogs.ATTEMPT_1).totalSize()).isEqualTo(17462);
    assertThat(result.skipped())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                SkipReason.UNKNOWN_EXTENSION, 1,
                SkipReason.HIDDEN, 1,
                SkipReason.EMPTY, 1,
                SkipReason.UNSUPPORTED_DIRECTORY, 1));
  }

  @Test
  void readsRollingLogsInIndexOrderFromTheLastCompactedFile() throws IOException {
    Path done = Files.createDirectories(dir.resolve("eventlog_v2_app-1"));
    Files.writeString(done.resolve("events_2_app-1"), "two\n");
    Files.writeString(done.resolve("events_10_app-1"), "ten\n");
    Files.writeString(done.resolve("events_1_app-1"), "one\n");
    for (int i = 3; i < 10; i++) {
      Files.writeString(done.resolve("events_" + i + "_app-1"), i + "\n");
    }
    Files.createFile(done.resolve("appstatus_app-1"));

    Path compacted = Files.createDirectories(dir.resolve("eventlog_v2_app-2_1"));
    Files.writeString(compacted.resolve("events_1_app-2_1"), "old\n");
    Files.writeString(compacted.resolve("events_2_app-2_1"), "old\n");
    Files.writeString(compacted.resolve("events_2_app-2_1.compact"), "compacted\n");
    Files.writeString(compacted.resolve("events_3_app-2_1"), "new\n");
    Files.createFile(compacted.resolve("appstatus_app-2_1.inprogress"));

    DiscoveryResult result = discovery.discover(new LocalEventLogStore(dir));

    Map<String, EventLog> byName = byName(result.logs());
    EventLog first = byName.get("eventlog_v2_app-1");
    assertThat(first.layout()).isEqualTo(LogLayout.ROLLING);
    assertThat(first.inProgress()).isFalse();
    assertThat(first.files().stream().map(StoreEntry::name))
        .containsExactly(
            "events_1_app-1",
            "events_2_app-1",
            "events_3_app-1",
            "events_4_app-1",
            "events_5_app-1",
            "events_6_app-1",
            "events_7_app-1",
            "events_8_app-1",
            "events_9_app-1",
            "events_10_app-1");
    assertThat(first.lastIndex()).hasValue(10);
    assertThat(first.files().get(0).path()).isEqualTo("eventlog_v2_app-1/events_1_app-1");

    EventLog second = byName.get("eventlog_v2_app-2_1");
    assertThat(second.inProgress()).isTrue();
    assertThat(second.files().stream().map(StoreEntry::name))
        .containsExactly("events_2_app-2_1.compact", "events_3_app-2_1");
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void skipsBrokenRollingLogsWithAReason() throws IOException {
    Path noStatus = Files.createDirectories(dir.resolve("eventlog_v2_a"));
    Files.writeString(noStatus.resolve("events_1_a"), "x\n");
    Path noEvents = Files.createDirectories(dir.resolve("eventlog_v2_b"));
    Files.createFile(noEvents.resolve("appstatus_b.inprogress"));
    Path gap = Files.createDirectories(dir.resolve("eventlog_v2_c"));
    Files.writeString(gap.resolve("events_1_c"), "x\n");
    Files.writeString(gap.resolve("events_3_c"), "x\n");
    Files.createFile(gap.resolve("appstatus_c"));
    Path compressed = Files.createDirectories(dir.resolve("eventlog_v2_d"));
    Files.writeString(compressed.resolve("events_1_d.zstd"), "x");
    Files.createFile(compressed.resolve("appstatus_d"));
    Path empty = Files.createDirectories(dir.resolve("eventlog_v2_e"));
    Files.createFile(empty.resolve("events_1_e"));
    Files.createFile(empty.resolve("appstatus_e.inprogress"));

    DiscoveryResult result = discovery.discover(new LocalEventLogStore(dir));

    // The compressed rolling log is listed; whether its bytes decode is the reader's business.
    assertThat(result.logs()).extracting(EventLog::name).containsExactly("eventlog_v2_d");
    assertThat(result.skipped())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                SkipReason.ROLLING_WITHOUT_APPSTATUS, 1,
                SkipReason.ROLLING_WITHOUT_EVENT_FILES, 1,
                SkipReason.ROLLING_MISSING_INDEX, 1,
                SkipReason.EMPTY, 1));
  }

  @Test
  void aMissingRootIsAnError() {
    LocalEventLogStore store = new LocalEventLogStore(dir.resolve("missing"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> discovery.discover(store))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  private static Map<String, EventLog> byName(List<EventLog> logs) {
    return logs.stream().collect(Collectors.toMap(EventLog::name, log -> log));
  }
}
