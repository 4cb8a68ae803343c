package io.pipelens.history.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one replay of an application attempt's event log produced: jobs, stage attempts with
 * their tasks, executors, the environment and resource profiles.
 *
 * <p>Built by one thread during {@link EventLogReplayer#replay}. A state that is {@linkplain
 * EventLogReplayer#resume resumed} (a log still being written) is changed again later under the
 * write lock of {@link #lock()}; readers that may run concurrently with a resume take its read lock
 * for as long as they read.
 */
public final class AppState {

  private final java.util.concurrent.locks.ReentrantReadWriteLock lock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  final TreeMap<Integer, JobRecord> jobs = new TreeMap<>();

  /** By {@code stageId << 32 | attemptId}, so iteration is by stage then attempt. */
  final TreeMap<Long, StageAttempt> stages = new TreeMap<>();

  final TreeMap<String, ExecutorRecord> executors = new TreeMap<>();
  final TreeMap<Integer, ResourceProfileInfo> resourceProfiles = new TreeMap<>();
  final TreeMap<Integer, RddRecord> rdds = new TreeMap<>();
  final TreeMap<String, ProcessRecord> processes = new TreeMap<>();

  /** SQL executions by id ascending. */
  final TreeMap<Long, SqlExecution> sqlExecutions = new TreeMap<>();
  EnvironmentInfo environment = EnvironmentInfo.EMPTY;
  boolean environmentSeen;
  long lastEventTime;
  long applicationStartTime;
  long applicationEndTime = -1;

  /** Accumulables kept on finished tasks, for the size estimate. */
  long taskAccumulables;

  /** What the replay tracks for running SQL executions; null before the replay starts. */
  SqlListener sqlListener;
  private final Map<String, String> strings = new HashMap<>();

  AppState() {}

  /** Guards the state against a concurrent {@link EventLogReplayer#resume}. */
  public java.util.concurrent.locks.ReentrantReadWriteLock lock() {
    return lock;
  }

  static long stageKey(int stageId, int attemptId) {
    return ((long) stageId << 32) | (attemptId & 0xffffffffL);
  }

  /** One copy of each repeated string (executor ids, hosts, localities). */
  String intern(String value) {
    if (value == null) {
      return null;
    }
    String known = strings.putIfAbsent(value, value);
    return known == null ? value : known;
  }

  /** Jobs by id ascending. */
  public Collection<JobRecord> jobs() {
    return jobs.values();
  }

  /** The job with this id, or null. */
  public JobRecord job(int jobId) {
    return jobs.get(jobId);
  }

  /** Stage attempts by stage id, then attempt id, ascending. */
  public Collection<StageAttempt> stages() {
    return stages.values();
  }

  /** The attempts of one stage, attempt id ascending; empty for an unknown stage. */
  public List<StageAttempt> stageAttempts(int stageId) {
    return new ArrayList<>(
        stages.subMap(stageKey(stageId, 0), true, stageKey(stageId, -1), true).values());
  }

  /** Executors by id ascending (string order, so {@code driver} comes last). */
  public Collection<ExecutorRecord> executors() {
    return executors.values();
  }

  /** The executor with this id, or null. */
  public ExecutorRecord executor(String executorId) {
    return executors.get(executorId);
  }

  /** RDDs with a storage level, by id ascending. */
  public Collection<RddRecord> rdds() {
    return rdds.values();
  }

  /** The RDD with this id, or null. */
  public RddRecord rdd(int id) {
    return rdds.get(id);
  }

  /** Miscellaneous processes (YARN application master, ...) by id ascending. */
  public Collection<ProcessRecord> processes() {
    return processes.values();
  }

  /** SQL executions by id ascending. */
  public Collection<SqlExecution> sqlExecutions() {
    return sqlExecutions.values();
  }

  /** The SQL execution with this id, or null. */
  public SqlExecution sqlExecution(long executionId) {
    return sqlExecutions.get(executionId);
  }

  public EnvironmentInfo environment() {
    return environment;
  }

  public Collection<ResourceProfileInfo> resourceProfiles() {
    return resourceProfiles.values();
  }

  /** {@code SparkListenerApplicationStart}'s time; 0 when the log has none. */
  public long applicationStartTime() {
    return applicationStartTime;
  }

  /** {@code SparkListenerApplicationEnd}'s time; -1 while running. */
  public long applicationEndTime() {
    return applicationEndTime;
  }

  /**
   * An estimate of the heap this state retains, from its counts and string lengths ({@code
   * RetainedSize}); cheap enough to compute after every replay or resume.
   */
  public long estimatedBytes() {
    return RetainedSize.of(this);
  }

  long sqlLiveBytes() {
    return sqlListener == null ? 0 : sqlListener.estimatedBytes();
  }

  /** Timestamp of the latest event that carried one; the stand-in for "now" of a running task. */
  public long lastEventTime() {
    return lastEventTime;
  }
}
