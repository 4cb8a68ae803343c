package io.pipelens.history.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Larger but valid event logs made from a real one: every task start and end line is repeated
 * with fresh task ids, so the stages, jobs and executors stay Spark's and only the task count grows.
 */
public final class SyntheticLogs {

  private static final Pattern TASK_ID = Pattern.compile("\"Task ID\":(\\d+)");

  private SyntheticLogs() {}

  /**
   * @param copies how many times each task appears (1 is the log itself)
   * @param idStride added to a task id per copy; above the log's largest task id
   */
  public static List<String> repeatTasks(List<String> lines, int copies, long idStride) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      boolean task =
          line.startsWith("{\"Event\":\"SparkListenerTaskStart\"")
              || line.startsWith("{\"Event\":\"SparkListenerTaskEnd\"");
      if (!task) {
        out.add(line);
        continue;
      }
      for (int copy = 0; copy < copies; copy++) {
        long shift = copy * idStride;
        Matcher m = TASK_ID.matcher(line);
        StringBuilder shifted = new StringBuilder();
        while (m.find()) {
          m.appendReplacement(shifted, "\"Task ID\":" + (Long.parseLong(m.group(1)) + shift));
        }
        m.appendTail(shifted);
        out.add(shifted.toString());
      }
    }
    return out;
  }
}
