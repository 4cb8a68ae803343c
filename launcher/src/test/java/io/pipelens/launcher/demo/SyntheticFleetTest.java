package io.pipelens.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticFleetTest {

  private static final Instant DAY_END = Instant.parse("2026-12-01T18:00:00Z");
  private static final FleetPace FAST = new FleetPace(Duration.ofMillis(20), Duration.ofMillis(20), 16 << 10);

  @TempDir
  Path dir;

  private SyntheticFleet fleet(Instant now) {
    return new SyntheticFleet(dir.resolve("fleet"), Clock.fixed(now, ZoneOffset.UTC), FAST);
  }

  private static Path eventLog(SyntheticFleet fleet, DemoSparkApp app) {
    Path directory = SparkAppWriter.eventLogDirectory(fleet.root(), app.driverNode());
    Path finished = directory.resolve(app.log().appId());
    return Files.exists(finished) ? finished : directory.resolve(app.log().appId() + ".inprogress");
  }

  /** The bundled log as submitted to Kubernetes by the application's team: what the fleet writes, unshifted. */
  private static byte[] submitted(DemoSparkApp app) {
    KubernetesSubmission submission = new KubernetesSubmission(app.team());
    StringBuilder expected = new StringBuilder();
    for (String line : app.log().lines()) {
      expected.append(submission.apply(line)).append('\n');
    }
    return expected.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String unshifted(Path file, long shift) throws IOException {
    StringBuilder original = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      original.append(EventLogTimeShift.shift(line, -shift)).append('\n');
    }
    return original.toString();
  }

  private static void awaitRunningAppComplete(SyntheticFleet fleet) throws Exception {
    DemoSparkApp running = fleet.apps().stream().filter(DemoSparkApp::running).findFirst().orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.readAllLines(eventLog(fleet, running)).size() < running.log().lines().size()) {
      assertThat(System.nanoTime()).as("the running application's log grows to its end").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void eventLogsAreTheBundledOnesApartFromTheTimeShiftAndTheKubernetesProperties() throws Exception {
    SyntheticFleet fleet = fleet(DAY_END);
    fleet.start();
    try {
      awaitRunningAppComplete(fleet);
    } finally {
      fleet.stop(Duration.ofSeconds(5));
    }
    for (DemoSparkApp app : fleet.apps()) {
      Path file = eventLog(fleet, app);
      assertThat(file.getFileName().toString()).as("finished logs are renamed as Spark does")
          .isEqualTo(app.running() ? app.log().appId() + ".inprogress" : app.log().appId());
      assertThat(unshifted(file, app.timeShift(DAY_END.toEpochMilli())).getBytes(StandardCharsets.UTF_8))
          .as(app.log().appId()).isEqualTo(submitted(app));
      String environment = Files.readAllLines(file).stream()
          .filter(line -> line.contains("SparkListenerEnvironmentUpdate")).findFirst().orElseThrow();
      assertThat(environment).as(app.log().appId())
          .contains("\"spark.kubernetes.namespace\":\"" + app.team().name() + "\"")
          .contains("\"spark.kubernetes.driver.label.pipelens.io/team\":\"" + app.team().name() + "\"")
          .contains("\"spark.kubernetes.driver.label.pipelens.io/priority\":\"" + app.team().priority() + "\"");
    }
    // The day ends at the first start: the last finished application ended 40 minutes before.
    DemoSparkApp failed = fleet.apps().get(2);
    String lastLine = Files.readAllLines(eventLog(fleet, failed)).get(failed.log().lines().size() - 1);
    assertThat(lastLine).contains("SparkListenerApplicationEnd")
        .contains(Long.toString(DAY_END.toEpochMilli() - 40 * 60_000L));
  }

  @Test
  void aSecondStartContinuesWithoutWritingAnythingTwice() throws Exception {
    SyntheticFleet first = fleet(DAY_END);
    first.start();
    Thread.sleep(60); // a few lines of the running application, then stop half way
    first.stop(Duration.ofSeconds(5));
    Map<Path, byte[]> finished = new HashMap<>();
    for (DemoSparkApp app : first.apps()) {
      if (!app.running()) {
        finished.put(eventLog(first, app), Files.readAllBytes(eventLog(first, app)));
      }
    }
    Map<Path, Long> containerLogs = sizes(first.root(), "app-logs");

    SyntheticFleet second = fleet(DAY_END.plus(Duration.ofHours(3)));
    second.start();
    try {
      awaitRunningAppComplete(second);
    } finally {
      second.stop(Duration.ofSeconds(5));
    }
    for (Map.Entry<Path, byte[]> file : finished.entrySet()) {
      assertThat(Files.readAllBytes(file.getKey())).as(file.getKey().toString()).isEqualTo(file.getValue());
    }
    for (DemoSparkApp app : second.apps()) {
      // The same shift as the first run (the day's end is kept), and every line once.
      assertThat(unshifted(eventLog(second, app), app.timeShift(DAY_END.toEpochMilli()))
          .getBytes(StandardCharsets.UTF_8)).as(app.log().appId()).isEqualTo(submitted(app));
    }
    Map<Path, Long> after = sizes(second.root(), "app-logs");
    containerLogs.forEach((path, size) -> assertThat(after.get(path)).as(path.toString()).isGreaterThanOrEqualTo(size));
  }

  @Test
  void podsCarryTheLabelsTheAgentMapsAndEachExecutorOfTheLogHasAPod() {
    SyntheticFleet fleet = fleet(DAY_END);
    DemoSparkApp dedup = fleet.apps().get(0);
    Map<String, FleetPod> pods = dedup.pods();
    assertThat(pods.keySet()).startsWith("driver").containsExactlyInAnyOrder("driver", "0", "1", "2", "3");
    FleetPod executor = pods.get("2");
    assertThat(fleet.labels(executor.uid())).containsEntry("spark-app-selector", "app-20161115172038-0000")
        .containsEntry("spark-role", "executor").containsEntry("spark-exec-id", "2")
        .containsEntry("pipelens.io/team", "search-data").containsEntry("pipelens.io/priority", "high");
    assertThat(fleet.labels(fleet.rayHead().uid())).containsEntry("ray.io/cluster", "laion-dedup");
    assertThat(fleet.labels("unknown")).isEmpty();
    assertThat(fleet.labels(executor.uid())).as("stable instances: the agent compares them")
        .isSameAs(fleet.labels(executor.uid()));
  }

  private static Map<Path, Long> sizes(Path root, String container) throws IOException {
    Map<Path, Long> sizes = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().contains("/" + container + "/")).toList()) {
        sizes.put(file, Files.size(file));
      }
    }
    return sizes;
  }

  @Test
  void theFailedTasksExceptionIsInTheExecutorsEngineLog() throws Exception {
    SyntheticFleet fleet = fleet(DAY_END);
    fleet.start();
    fleet.stop(Duration.ofSeconds(5));
    DemoSparkApp dedup = fleet.apps().get(0);
    // The log's failed tasks ran on executors 0 and 2.
    Path log = dedup.pods().get("2").containerLog(fleet.root(), SparkAppWriter.EXECUTOR_CONTAINER);
    List<String> lines = Files.readAllLines(log);
    int error = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(" ERROR Executor: Exception in task ")) {
        error = i;
        break;
      }
    }
    assertThat(error).as("an executor exception in " + log).isNotNegative();
    assertThat(lines.get(error + 1)).endsWith(" stderr F java.lang.RuntimeException: bad exec");
    assertThat(lines.get(error + 2)).contains(" stderr F \tat $line16.$read$$iw");
  }
}
