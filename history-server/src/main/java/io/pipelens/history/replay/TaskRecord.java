package io.pipelens.history.replay;

/**
 * One task attempt, as compact as its REST answer allows: primitives, interned strings and one
 * metrics array.
 *
 * <p>Mutable only while the replay runs; the replay is single-threaded and hands the finished
 * {@link AppState} over by a safe publication, after which nothing writes.
 */
public final class TaskRecord {

  /** The state Spark's {@code TaskInfo.status} derives from the task's flags. */
  public enum Status {
    RUNNING,
    GET_RESULT,
    SUCCESS,
    FAILED,
    KILLED,
    UNKNOWN;

    /** Spark's spelling: {@code GET RESULT} has a space. */
    public String sparkName() {
      return this == GET_RESULT ? "GET RESULT" : name();
    }
  }

  final long taskId;
  final int index;
  final int attempt;
  final int partitionId;
  final long launchTime;
  final String executorId;
  final String host;
  final String locality;
  final boolean speculative;
  long gettingResultTime;
  long finishTime;
  Status status = Status.RUNNING;
  String errorMessage;
  long[] metrics;
  Accumulable[] accumulables = NO_ACCUMULABLES;

  static final Accumulable[] NO_ACCUMULABLES = new Accumulable[0];

  TaskRecord(
      long taskId,
      int index,
      int attempt,
      int partitionId,
      long launchTime,
      String executorId,
      String host,
      String locality,
      boolean speculative) {
    this.taskId = taskId;
    this.index = index;
    this.attempt = attempt;
    this.partitionId = partitionId;
    this.launchTime = launchTime;
    this.executorId = executorId;
    this.host = host;
    this.locality = locality;
    this.speculative = speculative;
  }

  public long taskId() {
    return taskId;
  }

  public int index() {
    return index;
  }

  public int attempt() {
    return attempt;
  }

  /** {@code -1} for logs older than Spark 3.3, which did not write it. */
  public int partitionId() {
    return partitionId;
  }

  public long launchTime() {
    return launchTime;
  }

  /** When the driver started fetching the result; 0 when it never did. */
  public long gettingResultTime() {
    return gettingResultTime;
  }

  /** 0 while running. */
  public long finishTime() {
    return finishTime;
  }

  public String executorId() {
    return executorId;
  }

  public String host() {
    return host;
  }

  public String locality() {
    return locality;
  }

  public boolean speculative() {
    return speculative;
  }

  public Status status() {
    return status;
  }

  /** Why the task failed or was killed; null for others. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Indexed by {@link TaskMetric#ordinal()}; null when the log reported none. */
  public long[] metrics() {
    return metrics;
  }

  public Accumulable[] accumulables() {
    return accumulables;
  }

  /** Whether the task has ended. */
  public boolean finished() {
    return finishTime != 0;
  }

  /** What Spark's summaries and run-time sorting count: successful tasks that have metrics. */
  public boolean countsInSummaries() {
    return status == Status.SUCCESS && metrics != null;
  }
}
