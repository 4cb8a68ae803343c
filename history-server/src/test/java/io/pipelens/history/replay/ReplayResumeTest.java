package io.pipelens.history.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EventLogReplayer#resume}: what can be continued, and that continuing equals replaying. */
class ReplayResumeTest {

  private final EventLogReplayer replayer = new EventLogReplayer();

  @TempDir Path dir;

  @Test
  void aRollingLogContinuesIntoItsNextFile() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    Path rolling = Files.createDirectories(dir.resolve("eventlog_v2_app"));
    Files.createFile(rolling.resolve("appstatus_app.inprogress"));
    int half = lines.size() / 2;
    write(rolling.resolve("events_1_app"), lines.subList(0, half));
    LocalEventLogStore store = new LocalEventLogStore(dir);
    ReplayResult first = replayer.replay(store, only(store));
    assertThat(first.progress()).isNotNull();
    long tasksBefore = tasks(first.state());

    write(rolling.resolve("events_2_app"), lines.subList(half, lines.size()));
    EventLog grown = only(store);
    Optional<ReplayResult> resumed = replayer.resume(first.progress(), store, grown);

    assertThat(resumed).isPresent();
    assertThat(resumed.get().stats().bytesRead())
        .isEqualTo(Files.size(rolling.resolve("events_2_app")));
    assertThat(resumed.get().state()).isSameAs(first.state());
    ReplayResult scratch = replayer.replay(store, grown);
    assertThat(tasks(resumed.get().state())).isEqualTo(tasks(scratch.state())).isGreaterThan(tasksBefore);
    assertThat(resumed.get().state().jobs()).hasSameSizeAs(scratch.state().jobs());
  }

  @Test
  void aRewrittenLogIsNotContinued() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    Path log = dir.resolve("app.inprogress");
    write(log, lines.subList(0, 40));
    LocalEventLogStore store = new LocalEventLogStore(dir);
    ReplayResult first = replayer.replay(store, only(store));

    write(log, lines.subList(0, 20)); // shorter: not the same log grown
    assertThat(replayer.resume(first.progress(), store, only(store))).isEmpty();
  }

  @Test
  void finishedAndCompressedLogsAreNotResumable() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767);
    LocalEventLogStore store = new LocalEventLogStore(dir);
    assertThat(replayer.replay(store, only(store)).progress()).isNull();
  }

  private static EventLog only(LocalEventLogStore store) throws IOException {
    List<EventLog> logs = new EventLogDiscovery().discover(store).logs();
    assertThat(logs).hasSize(1);
    return logs.get(0);
  }

  private static long tasks(AppState state) {
    long total = 0;
    for (StageAttempt stage : state.stages()) {
      total += stage.tasks().size();
    }
    return total;
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
