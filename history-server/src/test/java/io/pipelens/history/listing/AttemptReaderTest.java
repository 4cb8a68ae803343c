package io.pipelens.history.listing;

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

class AttemptReaderTest {

  private static final String APPLICATION_END = "\"Event\":\"SparkListenerApplicationEnd\"";
  private static final String APPLICATION_START = "\"Event\":\"SparkListenerApplicationStart\"";

  @TempDir Path dir;

  @Test
  void listsACompletedLogAsSparkDoes() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767);
    TestLogs.touch(dir.resolve(TestLogs.LOCAL_1422981780767), 1_700_000_000_123L);

    AttemptRead read = read(new AttemptReader(), TestLogs.LOCAL_1422981780767);

    AttemptSummary attempt = read.attempt().orElseThrow();
    assertThat(attempt.appId()).isEqualTo("local-1422981780767");
    assertThat(attempt.appName()).isEqualTo("Spark shell");
    assertThat(attempt.attemptId()).isNull();
    assertThat(attempt.startTime()).isEqualTo(1422981779720L);
    assertThat(attempt.endTime()).isEqualTo(1422981788731L);
    assertThat(attempt.duration()).isEqualTo(9011);
    assertThat(attempt.sparkUser()).isEqualTo("irashid");
    assertThat(attempt.completed()).isTrue();
    assertThat(attempt.appSparkVersion()).as("no SparkListenerLogStart before Spark 1.3").isEmpty();
    assertThat(attempt.lastUpdated()).isEqualTo(1_700_000_000_123L);
    assertThat(attempt.logKey()).endsWith("/" + TestLogs.LOCAL_1422981780767);
    assertThat(read.parseErrors()).isEqualTo(ParseStats.NONE);
  }

  @Test
  void countsFailedTasksAndJobsOfALogItReadWhole() throws IOException {
    TestLogs.copy(dir, TestLogs.LOCAL_1422981780767);

    AttemptSummary attempt = read(new AttemptReader(), TestLogs.LOCAL_1422981780767).attempt().orElseThrow();

    // One task of stage 2 throws "got a 3, failing", which fails job 1.
    assertThat(attempt.health()).isEqualTo(new AttemptHealth(1, 1, null));
    assertThat(attempt.health().failed()).isTrue();
    assertThat(attempt.labels()).isEqualTo(AttemptLabels.NONE);
  }

  @Test
  void takesTeamPriorityAndNamespaceFromTheFirstEnvironmentUpdateAndTheExitCodeFromTheEnd()
      throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    int environment = TestLogs.indexOf(lines, "SparkListenerEnvironmentUpdate");
    lines.set(environment, lines.get(environment).replace("\"Spark Properties\":{",
        "\"Spark Properties\":{\"spark.kubernetes.namespace\":\"data-prep\","
            + "\"spark.kubernetes.driver.label.team\":\"curation\",\"pipelens.team\":\"ignored\","
            + "\"spark.pipelens.priority\":\"p1\","));
    // A later update (an added jar) does not relabel the application.
    lines.add(environment + 1, "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"Spark Properties\":"
        + "{\"spark.kubernetes.namespace\":\"other\"}}");
    int end = TestLogs.indexOf(lines, APPLICATION_END);
    lines.set(end, lines.get(end).replace("}", ",\"ExitCode\":3}"));
    TestLogs.write(dir.resolve("local-1422981780767"), lines);

    AttemptSummary attempt = read(new AttemptReader(), "local-1422981780767").attempt().orElseThrow();

    assertThat(attempt.labels()).isEqualTo(new AttemptLabels("curation", "p1", "data-prep"));
    assertThat(attempt.health().exitCode()).isEqualTo(3);
    assertThat(attempt.health().failed()).isTrue();
  }

  @Test
  void thePodLabelsTheAgentReadsWinOverTheShortLabelKeys() throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    int environment = TestLogs.indexOf(lines, "SparkListenerEnvironmentUpdate");
    lines.set(environment, lines.get(environment).replace("\"Spark Properties\":{",
        "\"Spark Properties\":{\"spark.kubernetes.driver.label.team\":\"short\","
            + "\"spark.kubernetes.driver.label.pipelens.io/team\":\"search-data\","
            + "\"spark.kubernetes.driver.label.priority\":\"p9\","
            + "\"spark.kubernetes.driver.label.pipelens.io/priority\":\"high\","));
    TestLogs.write(dir.resolve("local-1422981780767"), lines);

    AttemptSummary attempt = read(new AttemptReader(), "local-1422981780767").attempt().orElseThrow();

    assertThat(attempt.labels()).isEqualTo(new AttemptLabels("search-data", "high", null));
  }

  @Test
  void aSucceededApplicationIsNotFailed() throws IOException {
    TestLogs.copy(dir, TestLogs.YARN_3_0);

    AttemptSummary attempt = read(new AttemptReader(), TestLogs.YARN_3_0).attempt().orElseThrow();

    assertThat(attempt.health().countsKnown()).isTrue();
    assertThat(attempt.health().failedJobs()).isZero();
    assertThat(attempt.health().failed()).isFalse();
  }

  @Test
  void takesTheVersionFromLogStartAndTheAttemptFromApplicationStart() throws IOException {
    TestLogs.copy(dir, TestLogs.YARN_3_0, TestLogs.ATTEMPT_2);
    AttemptReader reader = new AttemptReader();

    AttemptSummary yarn = read(reader, TestLogs.YARN_3_0).attempt().orElseThrow();
    assertThat(yarn.appSparkVersion()).isEqualTo("3.0.0-SNAPSHOT");
    assertThat(yarn.sparkUser()).isEqualTo("tgraves");
    assertThat(yarn.startTime()).isEqualTo(1562101337180L);
    assertThat(yarn.endTime()).isEqualTo(1562101355974L);

    AttemptSummary second = read(reader, TestLogs.ATTEMPT_2).attempt().orElseThrow();
    assertThat(second.appId()).isEqualTo("local-1426533911241");
    assertThat(second.attemptId()).isEqualTo("2");
  }

  @Test
  void readsOnlyTheHeadAndTailOfALargeLog() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    int start = TestLogs.indexOf(lines, APPLICATION_START);
    int end = TestLogs.indexOf(lines, APPLICATION_END);
    List<String> big = new ArrayList<>(lines.subList(0, start + 1));
    for (int i = 0; i < 60; i++) {
      big.addAll(lines.subList(start + 1, end - 1));
    }
    big.addAll(lines.subList(end - 1, lines.size()));
    Path file = TestLogs.write(dir.resolve("local-1422981780767"), big);

    AttemptRead read =
        read(
            new AttemptReader(new ListingOptions(64 * 1024, 1 << 20)),
            file.getFileName().toString());

    assertThat(Files.size(file)).isGreaterThan(3_000_000);
    assertThat(read.attempt().orElseThrow().completed()).isTrue();
    assertThat(read.attempt().orElseThrow().endTime()).isEqualTo(1422981788731L);
    assertThat(read.bytesRead()).as("head read-ahead + one tail window").isLessThan(200_000);
    assertThat(read.attempt().orElseThrow().health().countsKnown())
        .as("failure counts are unknown when the middle was not read").isFalse();
  }

  @Test
  void widensTheTailWindowWhenTheEndEventIsFarFromTheEnd() throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    for (int i = 0; i < 20_000; i++) {
      lines.add(
          "{\"Event\":\"SparkListenerBlockManagerRemoved\",\"Block Manager ID\":{\"Executor ID\":\""
              + i
              + "\",\"Host\":\"localhost\",\"Port\":61103},\"Timestamp\":1422981788800}");
    }
    Path file = TestLogs.write(dir.resolve("local-1422981780767"), lines);

    AttemptRead read =
        read(new AttemptReader(new ListingOptions(16 * 1024, 1 << 20)), "local-1422981780767");

    assertThat(read.attempt().orElseThrow().completed()).isTrue();
    assertThat(read.attempt().orElseThrow().endTime()).isEqualTo(1422981788731L);
    assertThat(read.parseErrors()).isEqualTo(ParseStats.NONE);
    assertThat(read.bytesRead()).as("each byte about once").isLessThan(Files.size(file) + 400_000);
  }

  @Test
  void anInProgressLogIsRunningEvenWhenItHoldsAnEndEvent() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    int end = TestLogs.indexOf(lines, APPLICATION_END);
    TestLogs.write(dir.resolve("local-1422981780767.inprogress"), lines.subList(0, end));
    TestLogs.write(dir.resolve("local-1422981780768.inprogress"), lines);

    for (String name :
        List.of("local-1422981780767.inprogress", "local-1422981780768.inprogress")) {
      AttemptSummary attempt = read(new AttemptReader(), name).attempt().orElseThrow();
      assertThat(attempt.completed()).as(name).isFalse();
      assertThat(attempt.endTime()).as(name).isEqualTo(-1);
      assertThat(attempt.duration()).as(name).isZero();
    }
  }

  @Test
  void aFinishedLogWithoutEndEventIsNotCompleted() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    TestLogs.write(
        dir.resolve("crashed"), lines.subList(0, TestLogs.indexOf(lines, APPLICATION_END)));

    AttemptRead read = read(new AttemptReader(new ListingOptions(4096, 1 << 20)), "crashed");

    assertThat(read.attempt().orElseThrow().completed()).isFalse();
    assertThat(read.attempt().orElseThrow().endTime()).isEqualTo(-1);
    assertThat(read.parseErrors()).isEqualTo(ParseStats.NONE);
  }

  @Test
  void skipsAndCountsATruncatedLastLine() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    Path complete = TestLogs.write(dir.resolve("complete-then-cut"), lines);
    String taskEnd = lines.get(TestLogs.indexOf(lines, "\"Event\":\"SparkListenerTaskEnd\""));
    TestLogs.append(complete, taskEnd.substring(0, taskEnd.length() / 2));

    int end = TestLogs.indexOf(lines, APPLICATION_END);
    Path cutEnd = TestLogs.write(dir.resolve("cut-in-end-event"), lines.subList(0, end));
    TestLogs.append(cutEnd, lines.get(end).substring(0, 30));

    AttemptRead first = read(new AttemptReader(), "complete-then-cut");
    assertThat(first.attempt().orElseThrow().completed()).isTrue();
    assertThat(first.parseErrors()).isEqualTo(new ParseStats(0, 1, 0));

    AttemptRead second = read(new AttemptReader(), "cut-in-end-event");
    assertThat(second.attempt().orElseThrow().completed()).isFalse();
    assertThat(second.parseErrors()).isEqualTo(new ParseStats(0, 1, 0));
  }

  @Test
  void aPartialLastLineOfALogBeingWrittenIsNormal() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    int start = TestLogs.indexOf(lines, APPLICATION_START);
    Path file =
        TestLogs.write(dir.resolve("local-1422981780767.inprogress"), lines.subList(0, start));
    TestLogs.append(file, lines.get(start).substring(0, 50));

    AttemptRead read = read(new AttemptReader(), "local-1422981780767.inprogress");

    assertThat(read.attempt()).as("no complete application start yet").isEmpty();
    assertThat(read.parseErrors()).isEqualTo(ParseStats.NONE);
  }

  @Test
  void skipsAndCountsCorruptLines() throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    int start = TestLogs.indexOf(lines, APPLICATION_START);
    lines.add(start, "this is not JSON");
    int end = TestLogs.indexOf(lines, APPLICATION_END);
    lines.add(end, "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":}");
    lines.add(end, "{\"Event\":\"SparkListenerApplicationEnd\"}");
    lines.add(end, "[1,2,3]");
    TestLogs.write(dir.resolve("corrupt"), lines);

    AttemptRead read = read(new AttemptReader(), "corrupt");

    AttemptSummary attempt = read.attempt().orElseThrow();
    assertThat(attempt.completed()).isTrue();
    assertThat(attempt.endTime()).isEqualTo(1422981788731L);
    assertThat(read.parseErrors()).isEqualTo(new ParseStats(4, 0, 0));
  }

  @Test
  void theTailOfALongLogIsJudgedByEventNamesExceptForTheEnd() throws IOException {
    // A tail window of 1 KiB, so the end is searched for apart from the head: there, a task end
    // whose body is damaged is the replay's business, while a damaged application end still
    // counts, and the real one is found.
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.LOCAL_1422981780767));
    int end = TestLogs.indexOf(lines, APPLICATION_END);
    lines.add(end, "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":}");
    lines.add(end, "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":}");
    TestLogs.write(dir.resolve("damaged-tail"), lines);

    AttemptRead read = read(new AttemptReader(new ListingOptions(1024, 1 << 20)), "damaged-tail");

    AttemptSummary attempt = read.attempt().orElseThrow();
    assertThat(attempt.completed()).isTrue();
    assertThat(attempt.endTime()).isEqualTo(1422981788731L);
    assertThat(read.parseErrors()).isEqualTo(new ParseStats(1, 0, 0));
  }

  @Test
  void readsRollingLogsAcrossTheirFiles() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    Path rolling = Files.createDirectories(dir.resolve("eventlog_v2_local-1422981780767"));
    TestLogs.write(rolling.resolve("events_1_local-1422981780767"), lines.subList(0, 2));
    TestLogs.write(rolling.resolve("events_2_local-1422981780767"), lines.subList(2, 40));
    TestLogs.write(
        rolling.resolve("events_3_local-1422981780767"), lines.subList(40, lines.size()));
    Files.createFile(rolling.resolve("appstatus_local-1422981780767"));
    TestLogs.touch(rolling.resolve("events_3_local-1422981780767"), 1_600_000_000_000L);
    TestLogs.touch(rolling.resolve("events_1_local-1422981780767"), 1_500_000_000_000L);
    TestLogs.touch(rolling.resolve("events_2_local-1422981780767"), 1_500_000_000_000L);

    AttemptRead read =
        read(
            new AttemptReader(new ListingOptions(1024, 1 << 20)),
            "eventlog_v2_local-1422981780767");

    AttemptSummary attempt = read.attempt().orElseThrow();
    assertThat(attempt.appId()).isEqualTo("local-1422981780767");
    assertThat(attempt.startTime()).isEqualTo(1422981779720L);
    assertThat(attempt.endTime()).isEqualTo(1422981788731L);
    assertThat(attempt.completed()).isTrue();
    assertThat(attempt.lastUpdated()).isEqualTo(1_600_000_000_000L);
    assertThat(read.parseErrors()).isEqualTo(ParseStats.NONE);
  }

  @Test
  void aLogWithoutApplicationStartListsNothing() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.YARN_3_0);
    TestLogs.write(dir.resolve("headless"), lines.subList(0, 3));

    assertThat(read(new AttemptReader(), "headless").attempt()).isEmpty();
  }

  @Test
  void oversizedLinesCountOnlyWhenTheyCouldMatter() throws IOException {
    TestLogs.copy(dir, TestLogs.YARN_3_0);
    List<String> lines = new ArrayList<>(TestLogs.lines(TestLogs.YARN_3_0));
    int start = TestLogs.indexOf(lines, APPLICATION_START);
    lines.set(
        start,
        lines
            .get(start)
            .replace(
                "\"App Name\":\"Spark shell\"", "\"App Name\":\"" + "n".repeat(10_000) + "\""));
    TestLogs.write(dir.resolve("huge-start"), lines);
    AttemptReader reader = new AttemptReader(new ListingOptions(1 << 20, 4096));

    AttemptRead environmentTooLong = read(reader, TestLogs.YARN_3_0);
    assertThat(environmentTooLong.attempt()).isPresent();
    assertThat(environmentTooLong.parseErrors()).isEqualTo(ParseStats.NONE);

    AttemptRead startTooLong = read(reader, "huge-start");
    assertThat(startTooLong.attempt()).isEmpty();
    assertThat(startTooLong.parseErrors().oversizedLines()).isEqualTo(1);
  }

  private AttemptRead read(AttemptReader reader, String name) throws IOException {
    LocalEventLogStore store = new LocalEventLogStore(dir);
    EventLog log =
        new EventLogDiscovery()
            .discover(store).logs().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not discovered: " + name));
    return reader.read(store, log);
  }
}
