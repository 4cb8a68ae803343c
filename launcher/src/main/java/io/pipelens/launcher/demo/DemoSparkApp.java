package io.pipelens.launcher.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Spark application of the fleet: a real event log, the team that runs it, where its pods run,
 * and when it happened. Its pods are the driver and one pod per executor its event log adds.
 *
 * @param log the event log
 * @param slug the pods' name prefix
 * @param team its team
 * @param driverNode the node of the driver; executors alternate between {@code executorNodes}
 * @param executorNodes nodes for executors
 * @param endsBeforeDayEndMillis how long before the demo's day end its last event happens; for a
 *     running application, its last event written at start
 * @param runningFrom for a running application, how many lines are written at start before the
 *     rest trickles in; -1 for an application that finished
 */
public record DemoSparkApp(
    SparkEventLog log, String slug, Team team, String driverNode, List<String> executorNodes,
    long endsBeforeDayEndMillis, int runningFrom) {

  private static final Pattern EXECUTOR_ADDED =
      Pattern.compile("\"Event\":\"SparkListenerExecutorAdded\".*?\"Executor ID\":\"([^\"]+)\"");
  private static final Pattern TIME =
      Pattern.compile("\"(?:Timestamp|Submission Time|Completion Time|Launch Time|Finish Time)\":(\\d{11,13})");

  public DemoSparkApp {
    executorNodes = List.copyOf(executorNodes);
  }

  /** Whether it is still running: its log has no end, and it grows while the demo runs. */
  public boolean running() {
    return runningFrom >= 0;
  }

  /** The lines written at the fleet's first start. */
  int initialLines() {
    return running() ? Math.min(runningFrom, log.lines().size()) : log.lines().size();
  }

  /** The driver pod and one pod per executor, by executor id ({@code driver} first). */
  Map<String, FleetPod> pods() {
    Map<String, FleetPod> pods = new LinkedHashMap<>();
    pods.put(SparkLogDeriver.DRIVER, FleetPod.of(driverNode, team.name(), slug + "-driver", Map.of(
        "spark-app-selector", log.appId(), "spark-role", "driver",
        Team.TEAM_LABEL, team.name(), Team.PRIORITY_LABEL, team.priority())));
    List<String> executors = new ArrayList<>();
    for (String line : log.lines()) {
      Matcher matcher = EXECUTOR_ADDED.matcher(line);
      if (matcher.find() && !executors.contains(matcher.group(1))) {
        executors.add(matcher.group(1));
      }
    }
    for (int i = 0; i < executors.size(); i++) {
      String id = executors.get(i);
      pods.put(id, FleetPod.of(executorNodes.get(i % executorNodes.size()), team.name(), slug + "-exec-" + id, Map.of(
          "spark-app-selector", log.appId(), "spark-role", "executor", "spark-exec-id", id,
          Team.TEAM_LABEL, team.name(), Team.PRIORITY_LABEL, team.priority())));
    }
    return pods;
  }

  /** The shift that puts the last event written at start {@code endsBeforeDayEndMillis} before {@code dayEnd}. */
  long timeShift(long dayEndMillis) {
    long last = 0;
    for (String line : log.lines().subList(0, initialLines())) {
      Matcher matcher = TIME.matcher(line);
      while (matcher.find()) {
        last = Math.max(last, Long.parseLong(matcher.group(1)));
      }
    }
    return dayEndMillis - endsBeforeDayEndMillis - last;
  }
}
