package io.pipelens.history.replay;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of the model that its public accessors do not expose, for the on-disk snapshot codec
 * ({@code io.pipelens.history.snapshot}) alone: it writes a replayed {@link AppState} and builds an
 * equal one back without replaying. Everything else reads the model through its public accessors
 * and changes it only by replaying.
 *
 * <p>Collections are returned live, so a reader fills them in place.
 */
public final class ModelAccess {

  private ModelAccess() {}

  // ---- application ----

  /** An empty state, as a replay starts with; it has no live listener behind it. */
  public static AppState newState() {
    return new AppState();
  }

  /** The state's string pool, so restored strings are shared as a replay shares them. */
  public static String intern(AppState state, String value) {
    return state.intern(value);
  }

  public static boolean environmentSeen(AppState state) {
    return state.environmentSeen;
  }

  public static long taskAccumulables(AppState state) {
    return state.taskAccumulables;
  }

  /** Sets what the application events set. */
  public static void setApplication(
      AppState state,
      EnvironmentInfo environment,
      boolean environmentSeen,
      long lastEventTime,
      long applicationStartTime,
      long applicationEndTime,
      long taskAccumulables) {
    state.environment = environment;
    state.environmentSeen = environmentSeen;
    state.lastEventTime = lastEventTime;
    state.applicationStartTime = applicationStartTime;
    state.applicationEndTime = applicationEndTime;
    state.taskAccumulables = taskAccumulables;
  }

  public static void add(AppState state, JobRecord job) {
    state.jobs.put(job.jobId, job);
  }

  public static void add(AppState state, StageAttempt stage) {
    state.stages.put(AppState.stageKey(stage.stageId, stage.attemptId), stage);
  }

  public static void add(AppState state, ExecutorRecord executor) {
    state.executors.put(executor.executorId, executor);
  }

  public static void add(AppState state, ResourceProfileInfo profile) {
    state.resourceProfiles.put(profile.id(), profile);
  }

  public static void add(AppState state, RddRecord rdd) {
    state.rdds.put(rdd.id, rdd);
  }

  public static void add(AppState state, ProcessRecord process) {
    state.processes.put(process.id(), process);
  }

  public static void add(AppState state, SqlExecution execution) {
    state.sqlExecutions.put(execution.executionId(), execution);
  }

  // ---- jobs ----

  public static JobRecord newJob(
      int jobId,
      String name,
      String description,
      long submissionTime,
      int[] stageIds,
      String jobGroup,
      List<String> jobTags,
      int numTasks) {
    return new JobRecord(
        jobId, name, description, submissionTime, stageIds, jobGroup, jobTags, numTasks);
  }

  /** Sets the counters a job's events change. */
  public static void setJobProgress(
      JobRecord job,
      JobRecord.Status status,
      long completionTime,
      int activeTasks,
      int completedTasks,
      int failedTasks,
      int killedTasks,
      int skippedTasks,
      int activeStages,
      int failedStages) {
    job.status = status;
    job.completionTime = completionTime;
    job.activeTasks = activeTasks;
    job.completedTasks = completedTasks;
    job.failedTasks = failedTasks;
    job.killedTasks = killedTasks;
    job.skippedTasks = skippedTasks;
    job.activeStages = activeStages;
    job.failedStages = failedStages;
  }

  /** Succeeded task indices by stage id. */
  public static Map<Integer, BitSet> completedIndices(JobRecord job) {
    return job.completedIndices;
  }

  public static TreeSet<Integer> completedStages(JobRecord job) {
    return job.completedStages;
  }

  public static TreeSet<Integer> skippedStages(JobRecord job) {
    return job.skippedStages;
  }

  /** Each stage's parent stage ids. */
  public static Map<Integer, int[]> stageParents(JobRecord job) {
    return job.stageParents;
  }

  // ---- stages ----

  public static StageAttempt newStage(int stageId, int attemptId) {
    return new StageAttempt(stageId, attemptId);
  }

  /** Sets what the stage's info carries. */
  public static void setStageInfo(
      StageAttempt stage,
      StageAttempt.Status status,
      String name,
      String details,
      String description,
      String schedulingPool,
      int numTasks,
      long submissionTime,
      long completionTime,
      long firstTaskLaunchedTime,
      String failureReason,
      int[] rddIds,
      List<Accumulable> accumulables,
      int resourceProfileId,
      boolean shufflePushEnabled,
      int shuffleMergersCount) {
    stage.status = status;
    stage.name = name;
    stage.details = details;
    stage.description = description;
    stage.schedulingPool = schedulingPool;
    stage.numTasks = numTasks;
    stage.submissionTime = submissionTime;
    stage.completionTime = completionTime;
    stage.firstTaskLaunchedTime = firstTaskLaunchedTime;
    stage.failureReason = failureReason;
    stage.rddIds = rddIds;
    stage.accumulables = accumulables;
    stage.resourceProfileId = resourceProfileId;
    stage.shufflePushEnabled = shufflePushEnabled;
    stage.shuffleMergersCount = shuffleMergersCount;
  }

  /** Sets the task counters and the executor metric peaks. */
  public static void setStageProgress(
      StageAttempt stage,
      int activeTasks,
      int completedTasks,
      int failedTasks,
      int killedTasks,
      long[] peakExecutorMetrics) {
    stage.activeTasks = activeTasks;
    stage.completedTasks = completedTasks;
    stage.failedTasks = failedTasks;
    stage.killedTasks = killedTasks;
    stage.peakExecutorMetrics = peakExecutorMetrics;
  }

  public static BitSet completedIndices(StageAttempt stage) {
    return stage.completedIndices;
  }

  public static TreeSet<Integer> jobIds(StageAttempt stage) {
    return stage.jobIds;
  }

  /** Adds a task in start order; the caller restores them in {@link StageAttempt#tasks()} order. */
  public static void addTask(StageAttempt stage, TaskRecord task) {
    stage.tasks.add(task);
  }

  /** The summary of one executor, created (in first-use order) when new. */
  public static ExecutorStageSummary executorSummary(StageAttempt stage, String executorId) {
    return stage.executorSummary(executorId);
  }

  /** The stage's speculation summary, created when it has none. */
  public static SpeculationSummary speculation(StageAttempt stage) {
    return stage.speculation();
  }

  public static void setSpeculation(
      SpeculationSummary summary,
      int numTasks,
      int activeTasks,
      int completedTasks,
      int failedTasks,
      int killedTasks) {
    summary.numTasks = numTasks;
    summary.activeTasks = activeTasks;
    summary.completedTasks = completedTasks;
    summary.failedTasks = failedTasks;
    summary.killedTasks = killedTasks;
  }

  public static void setExecutorStageSummary(
      ExecutorStageSummary summary,
      long taskTime,
      int failedTasks,
      int succeededTasks,
      int killedTasks,
      boolean excluded,
      long[] peakExecutorMetrics) {
    summary.taskTime = taskTime;
    summary.failedTasks = failedTasks;
    summary.succeededTasks = succeededTasks;
    summary.killedTasks = killedTasks;
    summary.excluded = excluded;
    summary.peakExecutorMetrics = peakExecutorMetrics;
  }

  // ---- tasks ----

  public static TaskRecord newTask(
      long taskId,
      int index,
      int attempt,
      int partitionId,
      long launchTime,
      String executorId,
      String host,
      String locality,
      boolean speculative) {
    return new TaskRecord(
        taskId, index, attempt, partitionId, launchTime, executorId, host, locality, speculative);
  }

  public static void setTaskEnd(
      TaskRecord task,
      long gettingResultTime,
      long finishTime,
      TaskRecord.Status status,
      String errorMessage,
      long[] metrics,
      Accumulable[] accumulables) {
    task.gettingResultTime = gettingResultTime;
    task.finishTime = finishTime;
    task.status = status;
    task.errorMessage = errorMessage;
    task.metrics = metrics;
    task.accumulables = accumulables.length == 0 ? TaskRecord.NO_ACCUMULABLES : accumulables;
  }

  // ---- executors ----

  public static ExecutorRecord newExecutor(String executorId, long addTime) {
    return new ExecutorRecord(executorId, addTime);
  }

  /** The block manager's {@code host:port}; null when none was added. */
  public static String blockManagerHostPort(ExecutorRecord executor) {
    return executor.hostPort;
  }

  /** The host of the executor's info; null when none was added. */
  public static String host(ExecutorRecord executor) {
    return executor.host;
  }

  public static void setExecutorInfo(
      ExecutorRecord executor,
      String hostPort,
      String host,
      boolean active,
      int totalCores,
      int maxTasks,
      long removeTime,
      String removeReason,
      int resourceProfileId,
      Map<String, String> logs,
      Map<String, String> attributes,
      Map<String, ExecutorRecord.Resource> resources) {
    executor.hostPort = hostPort;
    executor.host = host;
    executor.active = active;
    executor.totalCores = totalCores;
    executor.maxTasks = maxTasks;
    executor.removeTime = removeTime;
    executor.removeReason = removeReason;
    executor.resourceProfileId = resourceProfileId;
    executor.logs = logs;
    executor.attributes = attributes;
    executor.resources = resources;
  }

  public static void setExecutorMemory(
      ExecutorRecord executor,
      long maxMemory,
      long totalOnHeap,
      long totalOffHeap,
      long usedOnHeap,
      long usedOffHeap) {
    executor.maxMemory = maxMemory;
    executor.totalOnHeap = totalOnHeap;
    executor.totalOffHeap = totalOffHeap;
    executor.usedOnHeap = usedOnHeap;
    executor.usedOffHeap = usedOffHeap;
  }

  /** What block updates left cached on the executor. */
  public static void setExecutorStorage(
      ExecutorRecord executor, long memoryUsed, long diskUsed, int rddBlocks) {
    executor.memoryUsed = memoryUsed;
    executor.diskUsed = diskUsed;
    executor.rddBlocks = rddBlocks;
  }

  public static void setExecutorTotals(
      ExecutorRecord executor,
      int totalTasks,
      int activeTasks,
      int completedTasks,
      int failedTasks,
      long totalDuration,
      long totalGcTime,
      long totalInputBytes,
      long totalShuffleRead,
      long totalShuffleWrite,
      boolean excluded,
      long[] peakMetrics) {
    executor.totalTasks = totalTasks;
    executor.activeTasks = activeTasks;
    executor.completedTasks = completedTasks;
    executor.failedTasks = failedTasks;
    executor.totalDuration = totalDuration;
    executor.totalGcTime = totalGcTime;
    executor.totalInputBytes = totalInputBytes;
    executor.totalShuffleRead = totalShuffleRead;
    executor.totalShuffleWrite = totalShuffleWrite;
    executor.excluded = excluded;
    executor.peakMetrics = peakMetrics;
  }

  // ---- RDDs ----

  public static RddRecord newRdd(
      int id, String name, int numPartitions, String storageLevel, boolean offHeap, boolean deserialized) {
    return new RddRecord(id, name, numPartitions, storageLevel, offHeap, deserialized);
  }

  public static boolean offHeap(RddRecord rdd) {
    return rdd.offHeap;
  }

  public static boolean deserialized(RddRecord rdd) {
    return rdd.deserialized;
  }

  /** The memory and disk the RDD's blocks use, as block updates left them. */
  public static void setRddUsage(RddRecord rdd, long memoryUsed, long diskUsed) {
    rdd.memoryUsed = memoryUsed;
    rdd.diskUsed = diskUsed;
  }

  /** Appends a cached partition (in the order the replay stored them). */
  public static void addRddPartition(
      RddRecord rdd, String blockName, List<String> executors, long memoryUsed, long diskUsed) {
    RddRecord.Partition partition = new RddRecord.Partition(blockName, rdd);
    partition.executors = executors;
    partition.memoryUsed = memoryUsed;
    partition.diskUsed = diskUsed;
    rdd.partitions.put(blockName, partition);
  }

  public static String executorId(RddRecord.Distribution distribution) {
    return distribution.executorId;
  }

  /** Appends the RDD's data on one executor, with the snapshot of its free memory as replayed. */
  public static void addRddDistribution(
      RddRecord rdd,
      String executorId,
      long memoryUsed,
      long diskUsed,
      long onHeapUsed,
      long offHeapUsed,
      String address,
      long memoryRemaining,
      boolean hasMemoryInfo,
      long onHeapRemaining,
      long offHeapRemaining) {
    RddRecord.Distribution distribution = new RddRecord.Distribution(executorId);
    distribution.memoryUsed = memoryUsed;
    distribution.diskUsed = diskUsed;
    distribution.onHeapUsed = onHeapUsed;
    distribution.offHeapUsed = offHeapUsed;
    distribution.address = address;
    distribution.memoryRemaining = memoryRemaining;
    distribution.hasMemoryInfo = hasMemoryInfo;
    distribution.onHeapRemaining = onHeapRemaining;
    distribution.offHeapRemaining = offHeapRemaining;
    rdd.distributions.put(executorId, distribution);
  }

  // ---- SQL ----

  /**
   * A fixed view of an execution: its metric values are those the replay showed, for an execution
   * still running too, since a snapshot is read only for the log it was written from, and a state
   * read from one is never resumed.
   */
  public static SqlExecution newSqlExecution(
      long executionId,
      long rootExecutionId,
      String description,
      String details,
      String physicalPlanDescription,
      long submissionTime,
      long completionTime,
      String errorMessage,
      boolean errorMessageSet,
      SqlPlanGraph graph,
      Map<Long, String> metricValues) {
    SqlExecution execution = new SqlExecution(executionId, null);
    execution.rootExecutionId = rootExecutionId;
    execution.description = description;
    execution.details = details;
    execution.physicalPlanDescription = physicalPlanDescription;
    execution.submissionTime = submissionTime;
    execution.completionTime = completionTime;
    execution.errorMessage = errorMessage;
    execution.errorMessageSet = errorMessageSet;
    execution.graph = graph;
    execution.metricValues = metricValues;
    return execution;
  }

  /** Whether the end event carried an {@code errorMessage} field (even an empty one). */
  public static boolean errorMessageSet(SqlExecution execution) {
    return execution.errorMessageSet;
  }

  /** Job statuses in start order, to fill. */
  public static Map<Integer, SqlExecution.JobStatus> jobs(SqlExecution execution) {
    return execution.jobs;
  }

  /** The stage ids of the execution's jobs, to fill. */
  public static Set<Integer> stages(SqlExecution execution) {
    return execution.stages;
  }

  /** A plan graph from its top-level nodes (clusters with their members) and edges. */
  public static SqlPlanGraph newGraph(List<SqlPlanGraph.Node> nodes, List<SqlPlanGraph.Edge> edges) {
    return SqlPlanGraph.restored(nodes, edges);
  }

  /** A plan node; a cluster's members are added with {@link #addMember}. */
  public static SqlPlanGraph.Node newNode(
      long id, String name, String desc, List<SqlPlanGraph.Metric> metrics, boolean cluster) {
    return new SqlPlanGraph.Node(id, name, desc, metrics, cluster);
  }

  public static void addMember(SqlPlanGraph.Node cluster, SqlPlanGraph.Node member) {
    cluster.membersToFill().add(member);
  }
}
