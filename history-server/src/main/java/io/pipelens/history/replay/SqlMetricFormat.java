package io.pipelens.history.replay;

import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;

/**
 * How Spark shows an aggregated SQL metric ({@code MetricUtils.stringValue} in Spark 4.1): sums as
 * integers, averages as tenths with min, median and max, sizes and times as a total with min,
 * median and max and the stage attempt and task that reported the max ({@code (driver)} when the
 * driver did).
 */
final class SqlMetricFormat {

  static final String SUM = "sum";
  static final String SIZE = "size";
  static final String TIMING = "timing";
  static final String NS_TIMING = "nsTiming";
  static final String AVERAGE = "average";

  private static final String SUFFIX = "(min, med, max (stageId: taskId))";

  private SqlMetricFormat() {}

  /** Whether Spark tracks the task that reported the largest value of this metric type. */
  static boolean needsMax(String metricType) {
    return !SUM.equals(metricType);
  }

  /**
   * @param values one value per task index (0 where none was reported) plus driver updates
   * @param max {value, stageId, stageAttemptId, taskId} of the largest task value; empty when none
   *     or when the driver reported more
   */
  static String stringValue(String metricType, long[] values, long[] max) {
    String taskInfo =
        max.length == 0 ? "(driver)" : "(stage " + max[1] + "." + max[2] + ": task " + max[3] + ")";
    if (SUM.equals(metricType)) {
      long sum = 0;
      for (long value : values) {
        sum += value;
      }
      return NumberFormat.getIntegerInstance(Locale.US).format(sum);
    }
    if (AVERAGE.equals(metricType)) {
      long[] valid = Arrays.stream(values).filter(v -> v > 0).toArray();
      if (valid.length <= 1) {
        return tenths(valid.length == 0 ? 0 : valid[0]);
      }
      Arrays.sort(valid);
      return SUFFIX
          + ":\n("
          + tenths(valid[0])
          + ", "
          + tenths(valid[valid.length / 2])
          + ", "
          + tenths(valid[valid.length - 1])
          + " "
          + taskInfo
          + ")";
    }
    long[] valid = Arrays.stream(values).filter(v -> v >= 0).toArray();
    if (valid.length <= 1) {
      return format(metricType, valid.length == 0 ? 0 : valid[0]);
    }
    Arrays.sort(valid);
    long sum = 0;
    for (long value : valid) {
      sum += value;
    }
    return "total "
        + SUFFIX
        + "\n"
        + format(metricType, sum)
        + " ("
        + format(metricType, valid[0])
        + ", "
        + format(metricType, valid[valid.length / 2])
        + ", "
        + format(metricType, valid[valid.length - 1])
        + " "
        + taskInfo
        + ")";
  }

  private static String tenths(long value) {
    return NumberFormat.getNumberInstance(Locale.US).format(value / 10.0);
  }

  private static String format(String metricType, long value) {
    return switch (metricType) {
      case SIZE -> bytes(value);
      case TIMING -> millis(value);
      case NS_TIMING -> millis(value / 1_000_000);
      default -> "[unknown] " + NumberFormat.getIntegerInstance(Locale.US).format(value);
    };
  }

  /** Spark's {@code Utils.bytesToString}: binary units from twice the unit on, one decimal. */
  static String bytes(long size) {
    String[] units = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB"};
    int[] shifts = {60, 50, 40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      // 2 EiB overflows a long; Spark compares as BigInt, no long reaches it.
      if (shifts[i] < 60 ? size >= 2 * unit : size >= 2 * (double) unit) {
        return String.format(Locale.US, "%.1f %s", (double) size / unit, units[i]);
      }
    }
    return String.format(Locale.US, "%.1f %s", (double) size, "B");
  }

  /** Spark's {@code Utils.msDurationToString}. */
  static String millis(long ms) {
    if (ms < 1000) {
      return String.format(Locale.US, "%d ms", ms);
    }
    if (ms < 60_000) {
      return String.format(Locale.US, "%.1f s", (float) ms / 1000);
    }
    if (ms < 3_600_000) {
      return String.format(Locale.US, "%.1f m", (float) ms / 60_000);
    }
    return String.format(Locale.US, "%.2f h", (float) ms / 3_600_000);
  }
}
