package io.pipelens.history.replay;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One job: Spark's {@code JobData} counters as the listener keeps them. */
public final class JobRecord {

  /** Spark's {@code JobExecutionStatus}. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    UNKNOWN
  }

  final int jobId;
  final String name;
  final String description;
  final long submissionTime;
  final int[] stageIds;
  final String jobGroup;
  final List<String> jobTags;
  final int numTasks;
  Status status = Status.RUNNING;
  long completionTime = -1;
  int activeTasks;
  int completedTasks;
  int failedTasks;
  int killedTasks;
  int skippedTasks;
  /** Succeeded task indices per stage id, as bit sets: a job can have hundreds of thousands. */
  final Map<Integer, BitSet> completedIndices = new HashMap<>();
  final TreeSet<Integer> completedStages = new TreeSet<>();
  final TreeSet<Integer> skippedStages = new TreeSet<>();
  int activeStages;
  int failedStages;
  final Map<String, Integer> killedSummary = new TreeMap<>();
  /** Each stage's parents ({@code Parent IDs} of the job start's stage infos): the job's DAG. */
  final Map<Integer, int[]> stageParents = new HashMap<>();

  JobRecord(
      int jobId,
      String name,
      String description,
      long submissionTime,
      int[] stageIds,
      String jobGroup,
      List<String> jobTags,
      int numTasks) {
    this.jobId = jobId;
    this.name = name;
    this.description = description;
    this.submissionTime = submissionTime;
    this.stageIds = stageIds;
    this.jobGroup = jobGroup;
    this.jobTags = jobTags;
    this.numTasks = numTasks;
  }

  boolean includesStage(int stageId) {
    for (int id : stageIds) {
      if (id == stageId) {
        return true;
      }
    }
    return false;
  }

  public int jobId() {
    return jobId;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** -1 when the log has none (Spark 1.2). */
  public long submissionTime() {
    return submissionTime;
  }

  /** -1 while running or when the log has none. */
  public long completionTime() {
    return completionTime;
  }

  public int[] stageIds() {
    return stageIds;
  }

  /** The parent stage ids of one of this job's stages; empty when it has none or is unknown. */
  public int[] stageParents(int stageId) {
    int[] parents = stageParents.get(stageId);
    return parents == null ? new int[0] : parents;
  }

  public String jobGroup() {
    return jobGroup;
  }

  public List<String> jobTags() {
    return jobTags;
  }

  public Status status() {
    return status;
  }

  public int numTasks() {
    return numTasks;
  }

  public int activeTasks() {
    return activeTasks;
  }

  public int completedTasks() {
    return completedTasks;
  }

  public int skippedTasks() {
    return skippedTasks;
  }

  public int failedTasks() {
    return failedTasks;
  }

  public int killedTasks() {
    return killedTasks;
  }

  public int completedIndices() {
    int count = 0;
    for (BitSet indices : completedIndices.values()) {
      count += indices.cardinality();
    }
    return count;
  }

  public int activeStages() {
    return activeStages;
  }

  public int completedStages() {
    return completedStages.size();
  }

  public int skippedStages() {
    return skippedStages.size();
  }

  public int failedStages() {
    return failedStages;
  }

  public Map<String, Integer> killedSummary() {
    return killedSummary;
  }
}
