package io.pipelens.history.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a Spark event log of one application with one job of one stage of {@code tasks} tasks,
 * in Spark's own event shapes, so the history server reads it through its real listing and
 * replay. Every {@link #FAILED_EVERY}th task fails with an exception (and is retried
 * successfully); task {@code i} runs {@code 1000 + i % 997} ms on executor {@code 1 + i % 50}.
 */
public final class SyntheticStageLog {

  public static final int FAILED_EVERY = 1000;
  public static final long START = 1_700_000_000_000L;

  private SyntheticStageLog() {}

  /** Writes {@code <directory>/<appId>}; returns the file. */
  public static Path write(Path directory, String appId, int tasks) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(appId);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.1\"}\n");
      out.write("{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{\"Java Version\":\"17\"},"
          + "\"Spark Properties\":{\"spark.kubernetes.namespace\":\"data-prep\","
          + "\"spark.kubernetes.driver.label.team\":\"curation\",\"spark.pipelens.priority\":\"p1\"},"
          + "\"Hadoop Properties\":{},\"System Properties\":{},\"Classpath Entries\":{}}\n");
      out.write("{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"dedup-" + tasks + "\",\"App ID\":\""
          + appId + "\",\"Timestamp\":" + START + ",\"User\":\"etl\"}\n");
      for (int e = 1; e <= 50; e++) {
        out.write("{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":" + (START + 100) + ",\"Executor ID\":\""
            + e + "\",\"Executor Info\":{\"Host\":\"10.0.0." + e + "\",\"Total Cores\":4,\"Log Urls\":{}}}\n");
      }
      String stageInfo = "{\"Stage ID\":0,\"Stage Attempt ID\":0,\"Stage Name\":\"map at Dedup.scala:42\","
          + "\"Number of Tasks\":" + tasks + ",\"RDD Info\":[],\"Parent IDs\":[],\"Details\":\"\",\"Accumulables\":[]";
      out.write("{\"Event\":\"SparkListenerJobStart\",\"Job ID\":0,\"Submission Time\":" + (START + 1000)
          + ",\"Stage Infos\":[" + stageInfo + "}],\"Stage IDs\":[0],\"Properties\":{}}\n");
      out.write("{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":" + stageInfo
          + ",\"Submission Time\":" + (START + 1000) + "},\"Properties\":{}}\n");
      long taskId = 0;
      for (int i = 0; i < tasks; i++) {
        boolean fails = i % FAILED_EVERY == 0;
        taskId = task(out, taskId, i, 0, fails);
        if (fails) {
          taskId = task(out, taskId, i, 1, false);
        }
      }
      long end = START + 1000 + tasks + 5000;
      out.write("{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":" + stageInfo
          + ",\"Submission Time\":" + (START + 1000) + ",\"Completion Time\":" + end + "}}\n");
      out.write("{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,\"Completion Time\":" + end
          + ",\"Job Result\":{\"Result\":\"JobSucceeded\"}}\n");
      out.write("{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":" + (end + 100) + "}\n");
    }
    return file;
  }

  private static long task(BufferedWriter out, long taskId, int index, int attempt, boolean fails) throws IOException {
    long launch = START + 1000 + index;
    long runTime = 1000 + index % 997;
    String executor = Integer.toString(1 + (index + attempt) % 50);
    String info = "\"Task Info\":{\"Task ID\":" + taskId + ",\"Index\":" + index + ",\"Attempt\":" + attempt
        + ",\"Launch Time\":" + launch + ",\"Executor ID\":\"" + executor + "\",\"Host\":\"10.0.0." + executor
        + "\",\"Locality\":\"PROCESS_LOCAL\",\"Speculative\":false,\"Getting Result Time\":0,";
    out.write("{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":0,\"Stage Attempt ID\":0," + info
        + "\"Finish Time\":0,\"Failed\":false,\"Killed\":false,\"Accumulables\":[]}}\n");
    String reason = fails
        ? "{\"Reason\":\"ExceptionFailure\",\"Class Name\":\"java.io.IOException\",\"Description\":\"corrupt shard "
            + index + "\",\"Stack Trace\":[{\"Declaring Class\":\"io.example.Dedup\",\"Method Name\":\"read\","
            + "\"File Name\":\"Dedup.scala\",\"Line Number\":42}],\"Accumulables\":[]}"
        : "{\"Reason\":\"Success\"}";
    out.write("{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Stage Attempt ID\":0,\"Task Type\":\"ResultTask\","
        + "\"Task End Reason\":" + reason + "," + info + "\"Finish Time\":" + (launch + runTime + 20)
        + ",\"Failed\":" + fails + ",\"Killed\":false,\"Accumulables\":[]},"
        + "\"Task Metrics\":{\"Executor Run Time\":" + runTime + ",\"JVM GC Time\":" + (index % 50)
        + ",\"Shuffle Read Metrics\":{\"Remote Bytes Read\":" + (index % 4096) + "},"
        + "\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":2048},"
        + "\"Input Metrics\":{\"Bytes Read\":1048576}}}\n");
    return taskId + 1;
  }
}
