package io.pipelens.history.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.EventLogDiscovery;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogReplayerTest {

  private static final String APP = TestLogs.LOCAL_1422981780767;

  @TempDir Path dir;

  private final EventLogReplayer replayer = new EventLogReplayer();

  @Test
  void replaysJobsStagesTasksAndExecutorsOfASpark12Log() throws IOException {
    TestLogs.copy(dir, APP);

    ReplayResult result = replayOnly();

    AppState state = result.state();
    assertThat(state.jobs()).extracting(JobRecord::jobId).containsExactly(0, 1, 2);
    assertThat(state.job(1).status()).isEqualTo(JobRecord.Status.FAILED);
    assertThat(state.job(1).failedTasks()).isEqualTo(1);
    assertThat(state.job(1).completedTasks()).isEqualTo(15);
    assertThat(state.stages())
        .extracting(StageAttempt::stageId, StageAttempt::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, StageAttempt.Status.COMPLETE),
            org.assertj.core.groups.Tuple.tuple(1, StageAttempt.Status.COMPLETE),
            org.assertj.core.groups.Tuple.tuple(2, StageAttempt.Status.FAILED),
            org.assertj.core.groups.Tuple.tuple(3, StageAttempt.Status.COMPLETE));
    StageAttempt stage1 = state.stageAttempts(1).get(0);
    assertThat(stage1.tasks()).hasSize(8);
    assertThat(stage1.metrics()[TaskMetric.EXECUTOR_RUN_TIME.ordinal()]).isEqualTo(3476);
    assertThat(stage1.metrics()[TaskMetric.SHUFFLE_BYTES_WRITTEN.ordinal()]).isEqualTo(13180);
    ExecutorRecord driver = state.executor("driver");
    assertThat(driver.totalTasks()).isEqualTo(32);
    assertThat(driver.completedTasks()).isEqualTo(31);
    assertThat(driver.failedTasks()).isEqualTo(1);
    assertThat(driver.hostPort()).isEqualTo("localhost:57971");
    assertThat(state.environment().sparkProperties()).isNotEmpty();
    assertThat(result.stats().corruptLines()).isZero();
    assertThat(result.stats().truncatedLines()).isZero();
    assertThat(result.stats().bytesRead()).isEqualTo(Files.size(dir.resolve(APP)));
  }

  @Test
  void skipsAndCountsACorruptLine() throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(APP));
    int firstTaskEnd = TestLogs.indexOf(lines, "\"SparkListenerTaskEnd\"");
    lines.add(firstTaskEnd, "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,,garbage");
    lines.add(firstTaskEnd, "not json at all");
    TestLogs.write(dir.resolve(APP), lines);

    ReplayResult result = replayOnly();

    assertThat(result.stats().corruptLines()).isEqualTo(2);
    assertThat(result.state().jobs()).hasSize(3);
    assertThat(result.state().executor("driver").totalTasks()).isEqualTo(32);
  }

  @Test
  void toleratesATruncatedLastLine() throws IOException {
    TestLogs.copy(dir, APP);
    TestLogs.append(dir.resolve(APP), "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":3,\"Task");

    ReplayResult result = replayOnly();

    assertThat(result.stats().truncatedLines()).isEqualTo(1);
    assertThat(result.stats().corruptLines()).isZero();
    assertThat(result.state().jobs()).hasSize(3);
  }

  @Test
  void readsTheSegmentsOfARollingLogInOrder() throws IOException {
    List<String> lines = TestLogs.lines(APP);
    Path rolling = dir.resolve("eventlog_v2_" + APP);
    int half = lines.size() / 2;
    TestLogs.write(rolling.resolve("events_1_" + APP), lines.subList(0, half));
    TestLogs.write(rolling.resolve("events_2_" + APP), lines.subList(half, lines.size()));
    Files.createFile(rolling.resolve("appstatus_" + APP));

    ReplayResult result = replayOnly();

    assertThat(result.state().jobs()).hasSize(3);
    assertThat(result.state().executor("driver").totalTasks()).isEqualTo(32);
    assertThat(result.stats().corruptLines()).isZero();
  }

  @Test
  void skipsEventsItDoesNotUseWithoutCountingThemAsErrors() throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(APP));
    lines.add(1, "{\"Event\":\"com.example.SomeFutureEvent\",\"payload\":[1,2,3]}");
    TestLogs.write(dir.resolve(APP), lines);

    ReplayResult result = replayOnly();

    assertThat(result.stats().eventsSkipped()).isPositive();
    assertThat(result.stats().corruptLines()).isZero();
  }

  private ReplayResult replayOnly() throws IOException {
    LocalEventLogStore store = new LocalEventLogStore(dir);
    List<EventLog> logs = new EventLogDiscovery().discover(store).logs();
    assertThat(logs).hasSize(1);
    return replayer.replay(store, logs.get(0));
  }
}
