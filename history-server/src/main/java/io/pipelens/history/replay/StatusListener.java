package io.pipelens.history.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns Spark listener events into an {@link AppState} with the semantics of Spark's {@code
 * AppStatusListener}, so that the counters the REST API shows (active, completed, failed, killed,
 * skipped; per job, stage, executor) come out as Spark's do for the same log.
 *
 * <p>Not thread-safe: one replay, one thread.
 */
final class StatusListener {

  private static final String DRIVER = "driver";
  private static final String MISC_PROCESS_ADDED =
      "org.apache.spark.scheduler.SparkListenerMiscellaneousProcessAdded";
  private static final String SQL_METADATA = "sql";
  private static final String INTERNAL_PREFIX = "internal.metrics.";

  /** Exclusion events under their Spark 3.1+ and older ("blacklist") names. */
  private static final Set<String> EXCLUSION_EVENTS =
      Set.of(
          "org.apache.spark.scheduler.SparkListenerExecutorBlacklisted",
          "org.apache.spark.scheduler.SparkListenerExecutorExcluded",
          "org.apache.spark.scheduler.SparkListenerExecutorUnblacklisted",
          "org.apache.spark.scheduler.SparkListenerExecutorUnexcluded",
          "org.apache.spark.scheduler.SparkListenerNodeBlacklisted",
          "org.apache.spark.scheduler.SparkListenerNodeExcluded",
          "org.apache.spark.scheduler.SparkListenerNodeUnblacklisted",
          "org.apache.spark.scheduler.SparkListenerNodeUnexcluded",
          "org.apache.spark.scheduler.SparkListenerExecutorBlacklistedForStage",
          "org.apache.spark.scheduler.SparkListenerExecutorExcludedForStage",
          "org.apache.spark.scheduler.SparkListenerNodeBlacklistedForStage",
          "org.apache.spark.scheduler.SparkListenerNodeExcludedForStage");

  private final AppState state = new AppState();

  private final SqlListener sql = new SqlListener(state.sqlExecutions);

  private final BlockUpdates blocks = new BlockUpdates(state);

  StatusListener() {
    state.sqlListener = sql;
  }

  /** Tasks started and not yet ended, by task id; a task end without a start is not stored. */
  private final Map<Long, LiveTask> liveTasks = new HashMap<>();

  /** Jobs not yet ended, which submitted stages are attached to. */
  private final Map<Integer, JobRecord> liveJobs = new HashMap<>();

  /** Jobs each stage attempt belongs to. */
  private final Map<Long, List<JobRecord>> stageJobs = new HashMap<>();

  private int defaultCpusPerTask = 1;

  AppState state() {
    return state;
  }

  /** Applies one event; returns false when the event type is not one the replay uses. */
  boolean apply(String event, JsonNode json) {
    switch (event) {
      case "SparkListenerApplicationStart" -> {
        state.applicationStartTime = Json.longOr(json, "Timestamp", 0);
        observe(state.applicationStartTime);
      }
      case "SparkListenerApplicationEnd" -> {
        state.applicationEndTime = Json.longOr(json, "Timestamp", -1);
        observe(state.applicationEndTime);
      }
      case "SparkListenerEnvironmentUpdate" -> environment(json);
      case "SparkListenerUnpersistRDD" -> blocks.unpersist(Json.intOr(json, "RDD ID", -1));
      case "SparkListenerBlockUpdated" -> blocks.blockUpdated(json.get("Block Updated Info"));
      case MISC_PROCESS_ADDED -> miscellaneousProcess(json);
      case "SparkListenerResourceProfileAdded" -> resourceProfile(json);
      case "SparkListenerJobStart" -> jobStart(json);
      case "SparkListenerJobEnd" -> jobEnd(json);
      case "SparkListenerStageSubmitted" -> stageSubmitted(json);
      case "SparkListenerStageCompleted" -> stageCompleted(json);
      case "SparkListenerExecutorAdded" -> executorAdded(json);
      case "SparkListenerExecutorRemoved" -> executorRemoved(json);
      case "SparkListenerBlockManagerAdded" -> blockManagerAdded(json);
      case "SparkListenerStageExecutorMetrics" -> stageExecutorMetrics(json);
      case "SparkListenerExecutorMetricsUpdate" -> executorMetricsUpdate(json);
      case "org.apache.spark.scheduler.SparkListenerExecutorBlacklisted",
          "org.apache.spark.scheduler.SparkListenerExecutorExcluded" ->
          executorExcluded(Json.text(json, "executorId"), true);
      case "org.apache.spark.scheduler.SparkListenerExecutorUnblacklisted",
          "org.apache.spark.scheduler.SparkListenerExecutorUnexcluded" ->
          executorExcluded(Json.text(json, "executorId"), false);
      case "org.apache.spark.scheduler.SparkListenerNodeBlacklisted",
          "org.apache.spark.scheduler.SparkListenerNodeExcluded" ->
          nodeExcluded(Json.text(json, "hostId"), true);
      case "org.apache.spark.scheduler.SparkListenerNodeUnblacklisted",
          "org.apache.spark.scheduler.SparkListenerNodeUnexcluded" ->
          nodeExcluded(Json.text(json, "hostId"), false);
      case "org.apache.spark.scheduler.SparkListenerExecutorBlacklistedForStage",
          "org.apache.spark.scheduler.SparkListenerExecutorExcludedForStage" ->
          executorExcludedForStage(json);
      case "org.apache.spark.scheduler.SparkListenerNodeBlacklistedForStage",
          "org.apache.spark.scheduler.SparkListenerNodeExcludedForStage" ->
          nodeExcludedForStage(json);
      default -> {
        if (!SqlListener.isSqlEvent(event)) {
          return false;
        }
        sql.apply(event, json);
      }
    }
    return true;
  }

  /** Whether {@link #apply} uses events of this type; others are skipped unparsed. */
  static boolean isUsed(String event) {
    return switch (event) {
      case "SparkListenerApplicationStart",
          "SparkListenerApplicationEnd",
          "SparkListenerEnvironmentUpdate",
          "SparkListenerUnpersistRDD",
          "SparkListenerBlockUpdated",
          MISC_PROCESS_ADDED,
          "SparkListenerResourceProfileAdded",
          "SparkListenerJobStart",
          "SparkListenerJobEnd",
          "SparkListenerStageSubmitted",
          "SparkListenerStageCompleted",
          "SparkListenerTaskStart",
          "SparkListenerTaskGettingResult",
          "SparkListenerTaskEnd",
          "SparkListenerExecutorAdded",
          "SparkListenerExecutorRemoved",
          "SparkListenerBlockManagerAdded",
          "SparkListenerStageExecutorMetrics",
          "SparkListenerExecutorMetricsUpdate" ->
          true;
      default -> EXCLUSION_EVENTS.contains(event) || SqlListener.isSqlEvent(event);
    };
  }

  // ---- application ----

  private void environment(JsonNode json) {
    if (state.environmentSeen) {
      return; // Spark shows the first one; later ones only add Hadoop properties on reload.
    }
    state.environmentSeen = true;
    JsonNode jvm = json.get("JVM Information");
    List<Map.Entry<String, String>> spark = pairs(json.get("Spark Properties"));
    for (Map.Entry<String, String> property : spark) {
      if (property.getKey().equals("spark.task.cpus")) {
        try {
          defaultCpusPerTask = Integer.parseInt(property.getValue().trim());
        } catch (NumberFormatException ignored) {
          // Spark would not have started with it; keep the default.
        }
      }
    }
    state.environment =
        new EnvironmentInfo(
            orEmpty(Json.text(jvm, "Java Version")),
            orEmpty(Json.text(jvm, "Java Home")),
            orEmpty(Json.text(jvm, "Scala Version")),
            spark,
            pairs(json.get("Hadoop Properties")),
            pairs(json.get("System Properties")),
            pairs(json.get("Metrics Properties")),
            pairs(json.get("Classpath Entries")));
  }

  private static List<Map.Entry<String, String>> pairs(JsonNode section) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    Json.stringMap(section)
        .forEach((k, v) -> pairs.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
    return List.copyOf(pairs);
  }

  private void resourceProfile(JsonNode json) {
    int id = Json.intOr(json, "Resource Profile Id", 0);
    Map<String, ResourceProfileInfo.ExecutorResourceRequest> executor = new TreeMap<>();
    JsonNode executorResources = json.get("Executor Resource Requests");
    if (executorResources != null) {
      executorResources
          .properties()
          .forEach(
              e ->
                  executor.put(
                      e.getKey(),
                      new ResourceProfileInfo.ExecutorResourceRequest(
                          orEmpty(Json.text(e.getValue(), "Resource Name")),
                          Json.longOr(e.getValue(), "Amount", 0),
                          orEmpty(Json.text(e.getValue(), "Discovery Script")),
                          orEmpty(Json.text(e.getValue(), "Vendor")))));
    }
    Map<String, ResourceProfileInfo.TaskResourceRequest> task = new TreeMap<>();
    JsonNode taskResources = json.get("Task Resource Requests");
    if (taskResources != null) {
      taskResources
          .properties()
          .forEach(
              e -> {
                JsonNode amount = e.getValue().get("Amount");
                task.put(
                    e.getKey(),
                    new ResourceProfileInfo.TaskResourceRequest(
                        orEmpty(Json.text(e.getValue(), "Resource Name")),
                        amount == null ? 0 : amount.asDouble()));
              });
    }
    state.resourceProfiles.put(id, new ResourceProfileInfo(id, executor, task));
  }

  // ---- jobs ----

  private void jobStart(JsonNode json) {
    int jobId = Json.intOr(json, "Job ID", -1);
    JsonNode stageInfos = json.get("Stage Infos");
    JsonNode properties = json.get("Properties");
    String name = "";
    int lastStageId = Integer.MIN_VALUE;
    int numTasks = 0;
    if (stageInfos != null) {
      for (JsonNode info : stageInfos) {
        int stageId = Json.intOr(info, "Stage ID", -1);
        if (stageId >= lastStageId) {
          lastStageId = stageId;
          name = orEmpty(Json.text(info, "Stage Name"));
        }
        if (info.get("Completion Time") == null || info.get("Completion Time").isNull()) {
          numTasks += Json.intOr(info, "Number of Tasks", 0);
        }
      }
    }
    int[] stageIds = Json.ints(json.get("Stage IDs"));
    List<String> tags = new ArrayList<>();
    String tagList = Json.text(properties, "spark.job.tags");
    if (tagList != null) {
      for (String tag : tagList.split(",")) {
        if (!tag.isEmpty()) {
          tags.add(tag);
        }
      }
      tags.sort(null);
    }
    JobRecord job =
        new JobRecord(
            jobId,
            name,
            Json.text(properties, "spark.job.description"),
            Json.longOr(json, "Submission Time", -1),
            stageIds,
            Json.text(properties, "spark.jobGroup.id"),
            List.copyOf(tags),
            numTasks);
    state.jobs.put(jobId, job);
    liveJobs.put(jobId, job);
    sql.jobStart(json, jobId);
    if (stageInfos != null) {
      for (JsonNode info : stageInfos) {
        job.stageParents.put(Json.intOr(info, "Stage ID", -1), Json.ints(info.get("Parent IDs")));
        StageAttempt stage = pendingStage(info);
        List<JobRecord> jobs = stageJobs.computeIfAbsent(key(stage), k -> new ArrayList<>());
        if (!jobs.contains(job)) {
          jobs.add(job);
        }
        stage.jobIds.add(jobId);
      }
    }
  }

  private void jobEnd(JsonNode json) {
    int jobId = Json.intOr(json, "Job ID", -1);
    sql.jobEnd(jobId, "JobSucceeded".equals(Json.text(json.get("Job Result"), "Result")));
    JobRecord job = liveJobs.remove(jobId);
    if (job == null) {
      return;
    }
    String result = Json.text(json.get("Job Result"), "Result");
    job.status =
        "JobSucceeded".equals(result) ? JobRecord.Status.SUCCEEDED : JobRecord.Status.FAILED;
    // Stages of the job that never ran were skipped (their output already existed).
    for (StageAttempt stage : state.stages.values()) {
      if (stage.status == StageAttempt.Status.PENDING && job.includesStage(stage.stageId)) {
        stage.status = StageAttempt.Status.SKIPPED;
        job.skippedStages.add(stage.stageId);
        job.skippedTasks += stage.numTasks;
      }
    }
    long time = Json.longOr(json, "Completion Time", -1);
    job.completionTime = time > 0 ? time : -1;
  }

  // ---- stages ----

  /**
   * The attempt a job start lists: a finished attempt that a later job reuses keeps what it showed
   * when it finished rather than being reset by the job's copy of its info.
   */
  private StageAttempt pendingStage(JsonNode info) {
    StageAttempt known =
        state.stages.get(
            AppState.stageKey(
                Json.intOr(info, "Stage ID", -1), Json.intOr(info, "Stage Attempt ID", 0)));
    boolean finished =
        known != null
            && known.status != StageAttempt.Status.PENDING
            && known.status != StageAttempt.Status.ACTIVE;
    return finished ? known : stageFromInfo(info);
  }

  /** The attempt an event's {@code "Stage Info"} describes, created when new, its info updated. */
  private StageAttempt stageFromInfo(JsonNode info) {
    int stageId = Json.intOr(info, "Stage ID", -1);
    int attemptId = Json.intOr(info, "Stage Attempt ID", 0);
    StageAttempt stage =
        state.stages.computeIfAbsent(
            AppState.stageKey(stageId, attemptId), k -> new StageAttempt(stageId, attemptId));
    stage.name = orEmpty(Json.text(info, "Stage Name"));
    stage.details = orEmpty(Json.text(info, "Details"));
    stage.numTasks = Json.intOr(info, "Number of Tasks", 0);
    stage.submissionTime = Json.longOr(info, "Submission Time", -1);
    stage.completionTime = Json.longOr(info, "Completion Time", -1);
    stage.failureReason = Json.text(info, "Failure Reason");
    JsonNode rdds = info.get("RDD Info");
    if (rdds != null && rdds.isArray()) {
      int[] ids = new int[rdds.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = Json.intOr(rdds.get(i), "RDD ID", -1);
      }
      stage.rddIds = ids;
    }
    stage.accumulables = accumulables(info.get("Accumulables"));
    stage.resourceProfileId = Json.intOr(info, "Resource Profile Id", 0);
    stage.shufflePushEnabled = Json.boolOr(info, "Shuffle Push Enabled", false);
    stage.shuffleMergersCount = Json.intOr(info, "Shuffle Push Mergers Count", 0);
    return stage;
  }

  private void stageSubmitted(JsonNode json) {
    StageAttempt stage = stageFromInfo(json.get("Stage Info"));
    sql.stageSubmitted(stage.stageId, stage.attemptId);
    JsonNode properties = json.get("Properties");
    stage.status = StageAttempt.Status.ACTIVE;
    String pool = Json.text(properties, "spark.scheduler.pool");
    stage.schedulingPool = pool == null ? "default" : pool;
    stage.description = Json.text(properties, "spark.job.description");
    List<JobRecord> jobs = new ArrayList<>();
    for (JobRecord job : liveJobs.values()) {
      if (job.includesStage(stage.stageId)) {
        jobs.add(job);
        stage.jobIds.add(job.jobId);
        job.completedStages.remove(stage.stageId);
        job.activeStages++;
      }
    }
    stageJobs.put(key(stage), jobs);
    JsonNode rdds = json.get("Stage Info").get("RDD Info");
    if (rdds != null && rdds.isArray()) {
      for (JsonNode rdd : rdds) {
        JsonNode storage = rdd.get("Storage Level");
        String level = storageLevel(storage);
        int id = Json.intOr(rdd, "RDD ID", -1);
        if (level != null && !state.rdds.containsKey(id)) {
          state.rdds.put(
              id,
              new RddRecord(
                  id,
                  orEmpty(Json.text(rdd, "Name")),
                  Json.intOr(rdd, "Number of Partitions", 0),
                  level,
                  Json.boolOr(storage, "Use Off Heap", false),
                  Json.boolOr(storage, "Deserialized", false)));
        }
      }
    }
  }

  /**
   * Spark's {@code StorageLevel.description}; null for a level that stores nothing (no memory and
   * no disk, or no replicas), which Spark does not track.
   */
  private static String storageLevel(JsonNode level) {
    if (level == null) {
      return null;
    }
    boolean disk = Json.boolOr(level, "Use Disk", false);
    boolean memory = Json.boolOr(level, "Use Memory", false);
    boolean offHeap = Json.boolOr(level, "Use Off Heap", false);
    int replication = Json.intOr(level, "Replication", 1);
    if (!(disk || memory) || replication <= 0) {
      return null;
    }
    return StorageLevels.description(
        disk, memory, offHeap, Json.boolOr(level, "Deserialized", false), replication);
  }

  private void miscellaneousProcess(JsonNode json) {
    JsonNode info = json.get("info");
    String id = Json.text(json, "processId");
    if (id == null) {
      return;
    }
    long time = Json.longOr(json, "time", 0);
    state.processes.put(
        id,
        new ProcessRecord(
            id,
            Json.text(info, "hostPort"),
            Json.intOr(info, "cores", 0),
            time,
            Json.stringMap(info == null ? null : info.get("logUrlInfo"))));
  }

  private void stageCompleted(JsonNode json) {
    JsonNode info = json.get("Stage Info");
    StageAttempt stage = stageFromInfo(info);
    if (stage.failureReason != null) {
      stage.status = StageAttempt.Status.FAILED;
    } else if (stage.submissionTime >= 0) {
      stage.status = StageAttempt.Status.COMPLETE;
    } else {
      // Old logs (SPARK-20205) show a skipped stage only by its missing submission time.
      stage.status = StageAttempt.Status.SKIPPED;
    }
    for (JobRecord job : jobsOf(stage)) {
      switch (stage.status) {
        case COMPLETE -> job.completedStages.add(stage.stageId);
        case SKIPPED -> {
          job.skippedStages.add(stage.stageId);
          job.skippedTasks += stage.numTasks;
        }
        default -> job.failedStages++;
      }
      job.activeStages--;
    }
  }

  private List<JobRecord> jobsOf(StageAttempt stage) {
    return stageJobs.getOrDefault(key(stage), List.of());
  }

  private static long key(StageAttempt stage) {
    return AppState.stageKey(stage.stageId, stage.attemptId);
  }

  // ---- tasks ----

  /** Whether an event type is read field by field into a {@link TaskEvent} rather than a tree. */
  static boolean isTaskEvent(String event) {
    return switch (event) {
      case "SparkListenerTaskStart", "SparkListenerTaskGettingResult", "SparkListenerTaskEnd" ->
          true;
      default -> false;
    };
  }

  /** Applies a task event read by {@link TaskEventParser}. */
  void applyTask(String event, TaskEvent task) {
    if (!task.hasTaskInfo) {
      return;
    }
    switch (event) {
      case "SparkListenerTaskStart" -> {
        taskStart(task);
        sql.taskStart(task);
      }
      case "SparkListenerTaskGettingResult" -> taskGettingResult(task);
      case "SparkListenerTaskEnd" -> {
        taskEnd(task);
        sql.taskEnd(task);
      }
      default -> throw new IllegalArgumentException("not a task event: " + event);
    }
  }

  // taskStart and taskEnd run once per task, hundreds of thousands of times in a replay's first
  // seconds. Each is kept to a few calls of parts bigger than the JIT's inlining limit, so that C2
  // compiles each part on its own: a branch first taken late in a log (a new executor, a task
  // that failed) then recompiles only the part it is in, not one tree of seventy inlined methods
  // (docs/benchmarks.md, "History server").
  private void taskStart(TaskEvent event) {
    TaskRecord task = startedTask(event);
    observe(task.launchTime);
    StageAttempt stage = state.stages.get(AppState.stageKey(event.stageId, event.stageAttemptId));
    liveTasks.put(task.taskId, new LiveTask(task, stage));
    if (stage != null) {
      countStartInStage(stage, task);
    }
    ExecutorRecord executor = state.executors.get(task.executorId);
    if (executor != null) {
      executor.activeTasks++;
      executor.totalTasks++;
    }
  }

  private TaskRecord startedTask(TaskEvent event) {
    return new TaskRecord(
        event.taskId,
        event.index,
        event.attempt,
        event.partitionId,
        event.launchTime,
        state.intern(event.executorId),
        state.intern(event.host),
        state.intern(event.locality),
        event.speculative);
  }

  private void countStartInStage(StageAttempt stage, TaskRecord task) {
    stage.tasks.add(task);
    stage.activeTasks++;
    stage.firstTaskLaunchedTime = Math.min(stage.firstTaskLaunchedTime, task.launchTime);
    if (task.speculative) {
      stage.speculation().numTasks++;
      stage.speculation().activeTasks++;
    }
    for (JobRecord job : jobsOf(stage)) {
      job.activeTasks++;
    }
  }

  private void taskGettingResult(TaskEvent event) {
    LiveTask live = liveTasks.get(event.taskId);
    if (live != null) {
      live.task.gettingResultTime = event.gettingResultTime;
      live.task.status = TaskRecord.Status.GET_RESULT;
    }
  }

  private void taskEnd(TaskEvent event) {
    String reasonKind = event.reasonKind;
    int completed = 0;
    int failed = 0;
    int killed = 0;
    if ("Success".equals(reasonKind)) {
      completed = 1;
    } else if ("TaskKilled".equals(reasonKind) || "TaskCommitDenied".equals(reasonKind)) {
      killed = 1;
    } else {
      failed = 1;
    }
    // A log without task executor metrics (before Spark 3.0) still counts as zeros reported.
    long[] executorMetrics =
        event.executorMetrics != null
            ? event.executorMetrics
            : new long[ExecutorMetricNames.NAMES.size()];
    long duration = event.finishTime > 0 ? event.finishTime - event.launchTime : 0;
    observe(event.finishTime);

    LiveTask live = liveTasks.remove(event.taskId);
    long[] delta = live == null ? null : finishTask(live.task, event);
    StageAttempt stage = state.stages.get(AppState.stageKey(event.stageId, event.stageAttemptId));
    if (stage != null) {
      countEndInStage(stage, event, delta, executorMetrics, duration, completed, failed, killed);
      countEndInJobs(stage, event, completed, failed, killed);
    }
    ExecutorRecord executor = state.executors.get(event.executorId);
    if (executor != null) {
      countEndInExecutor(executor, event, executorMetrics, duration, completed, failed);
    }
  }

  /**
   * Records the end on the started task; returns what its metrics add to the sums (null when
   * the event has none).
   */
  private long[] finishTask(TaskRecord task, TaskEvent event) {
    task.finishTime = event.finishTime;
    task.gettingResultTime = event.gettingResultTime;
    task.status = statusOf(event);
    task.errorMessage = TaskEndReasons.errorMessage(event.reason);
    state.taskAccumulables += event.accumulables.size();
    task.accumulables =
        event.accumulables.isEmpty()
            ? TaskRecord.NO_ACCUMULABLES
            : event.accumulables.toArray(new Accumulable[0]);
    long[] taskMetrics = event.metrics;
    if (taskMetrics == null) {
      return null;
    }
    // Spark adds the difference to what the task already reported (live heartbeats).
    long[] delta = task.metrics == null ? taskMetrics : subtract(taskMetrics, task.metrics);
    task.metrics = taskMetrics;
    return delta;
  }

  private void countEndInStage(
      StageAttempt stage,
      TaskEvent event,
      long[] delta,
      long[] executorMetrics,
      long duration,
      int completed,
      int failed,
      int killed) {
    if (delta != null) {
      add(stage.metrics, delta);
    }
    stage.activeTasks--;
    stage.completedTasks += completed;
    if (completed > 0 && event.index >= 0) {
      stage.completedIndices.set(event.index);
    }
    stage.failedTasks += failed;
    stage.killedTasks += killed;
    if (killed > 0) {
      stage.killedSummary.merge(killReason(event.reason), 1, Integer::sum);
    }
    if (event.speculative) {
      SpeculationSummary speculation = stage.speculation();
      speculation.activeTasks--;
      speculation.completedTasks += completed;
      speculation.failedTasks += failed;
      speculation.killedTasks += killed;
    }
    stage.peakExecutorMetrics = peak(stage.peakExecutorMetrics, executorMetrics);
    ExecutorStageSummary summary = stage.executorSummary(state.intern(event.executorId));
    summary.peakExecutorMetrics = peak(summary.peakExecutorMetrics, executorMetrics);
    summary.taskTime += duration;
    summary.succeededTasks += completed;
    summary.failedTasks += failed;
    summary.killedTasks += killed;
    if (delta != null) {
      add(summary.metrics, delta);
    }
  }

  private void countEndInJobs(
      StageAttempt stage, TaskEvent event, int completed, int failed, int killed) {
    int index = event.index;
    for (JobRecord job : jobsOf(stage)) {
      job.activeTasks--;
      job.completedTasks += completed;
      if (completed > 0 && index >= 0) {
        // get and put rather than computeIfAbsent: no lambda in the per-task path.
        BitSet indices = job.completedIndices.get(event.stageId);
        if (indices == null) {
          indices = new BitSet();
          job.completedIndices.put(event.stageId, indices);
        }
        indices.set(index);
      }
      job.failedTasks += failed;
      job.killedTasks += killed;
      if (killed > 0) {
        job.killedSummary.merge(killReason(event.reason), 1, Integer::sum);
      }
    }
  }

  private static void countEndInExecutor(
      ExecutorRecord executor,
      TaskEvent event,
      long[] executorMetrics,
      long duration,
      int completed,
      int failed) {
    executor.activeTasks--;
    executor.completedTasks += completed;
    executor.failedTasks += failed;
    executor.totalDuration += duration;
    long[] taskMetrics = event.metrics;
    // A resubmitted task's metrics were already counted with its first attempt.
    if (!"Resubmitted".equals(event.reasonKind) && taskMetrics != null) {
      executor.totalGcTime += taskMetrics[TaskMetric.JVM_GC_TIME.ordinal()];
      executor.totalInputBytes += taskMetrics[TaskMetric.INPUT_BYTES_READ.ordinal()];
      executor.totalShuffleRead +=
          taskMetrics[TaskMetric.SHUFFLE_LOCAL_BYTES_READ.ordinal()]
              + taskMetrics[TaskMetric.SHUFFLE_REMOTE_BYTES_READ.ordinal()];
      executor.totalShuffleWrite += taskMetrics[TaskMetric.SHUFFLE_BYTES_WRITTEN.ordinal()];
    }
    executor.peakMetrics = peak(executor.peakMetrics, executorMetrics);
  }

  private static String killReason(JsonNode reason) {
    String kill = reason == null ? null : Json.text(reason, "Kill Reason");
    if ("TaskCommitDenied".equals(Json.text(reason, "Reason"))) {
      return "TaskCommitDenied (Driver denied task commit) for job: "
          + Json.longOr(reason, "Job ID", -1)
          + ", partition: "
          + Json.longOr(reason, "Partition ID", -1)
          + ", attemptNumber: "
          + Json.longOr(reason, "Attempt Number", -1);
    }
    return kill == null ? "unknown reason" : kill;
  }

  /** Spark's {@code TaskInfo.status} for an ended task. */
  private static TaskRecord.Status statusOf(TaskEvent event) {
    if (event.finishTime == 0) {
      return event.gettingResultTime != 0
          ? TaskRecord.Status.GET_RESULT
          : TaskRecord.Status.RUNNING;
    }
    if (event.failed) {
      return TaskRecord.Status.FAILED;
    }
    if (event.killed) {
      return TaskRecord.Status.KILLED;
    }
    return TaskRecord.Status.SUCCESS;
  }

  private static long[] subtract(long[] now, long[] before) {
    long[] delta = new long[now.length];
    for (int i = 0; i < now.length; i++) {
      delta[i] = now[i] - before[i];
    }
    return delta;
  }

  private static void add(long[] sum, long[] delta) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += delta[i];
    }
  }

  // ---- accumulables ----

  private static List<Accumulable> accumulables(JsonNode array) {
    Accumulable[] values = accumulablesArray(array);
    return values.length == 0 ? List.of() : List.of(values);
  }

  /** The user-visible accumulables: no Spark-internal metrics, no SQL metrics. */
  private static Accumulable[] accumulablesArray(JsonNode array) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      return TaskRecord.NO_ACCUMULABLES;
    }
    List<Accumulable> values = new ArrayList<>();
    for (JsonNode acc : array) {
      String name = Json.text(acc, "Name");
      boolean internal =
          Json.boolOr(acc, "Internal", false) || (name != null && name.startsWith(INTERNAL_PREFIX));
      if (internal || SQL_METADATA.equals(Json.text(acc, "Metadata"))) {
        continue;
      }
      values.add(
          new Accumulable(
              Json.longOr(acc, "ID", -1), name, Json.text(acc, "Update"), Json.text(acc, "Value")));
    }
    return values.isEmpty() ? TaskRecord.NO_ACCUMULABLES : values.toArray(new Accumulable[0]);
  }

  // ---- executors ----

  private ExecutorRecord executor(String executorId, long time) {
    String id = state.intern(executorId);
    return state.executors.computeIfAbsent(id, k -> new ExecutorRecord(id, time));
  }

  private void executorAdded(JsonNode json) {
    long time = Json.longOr(json, "Timestamp", 0);
    observe(time);
    ExecutorRecord executor = executor(Json.text(json, "Executor ID"), time);
    JsonNode info = json.get("Executor Info");
    executor.host = state.intern(Json.text(info, "Host"));
    executor.active = true;
    executor.totalCores = Json.intOr(info, "Total Cores", 0);
    executor.resourceProfileId = Json.intOr(info, "Resource Profile Id", 0);
    executor.maxTasks = executor.totalCores / cpusPerTask(executor.resourceProfileId);
    executor.logs = Json.stringMap(info == null ? null : info.get("Log Urls"));
    executor.attributes = Json.stringMap(info == null ? null : info.get("Attributes"));
    Map<String, ExecutorRecord.Resource> resources = new TreeMap<>();
    JsonNode resourceInfo = info == null ? null : info.get("Resources");
    if (resourceInfo != null && resourceInfo.isObject()) {
      resourceInfo
          .properties()
          .forEach(
              e ->
                  resources.put(
                      e.getKey(),
                      new ExecutorRecord.Resource(
                          orEmpty(Json.text(e.getValue(), "name")),
                          List.copyOf(Json.strings(e.getValue().get("addresses"))))));
    }
    executor.resources = resources;
  }

  private int cpusPerTask(int resourceProfileId) {
    ResourceProfileInfo profile = state.resourceProfiles.get(resourceProfileId);
    if (profile != null) {
      ResourceProfileInfo.TaskResourceRequest cpus = profile.taskResources().get("cpus");
      if (cpus != null && cpus.amount() >= 1) {
        return (int) cpus.amount();
      }
    }
    return Math.max(1, defaultCpusPerTask);
  }

  private void executorRemoved(JsonNode json) {
    ExecutorRecord executor = state.executors.get(Json.text(json, "Executor ID"));
    if (executor != null) {
      if (executor.active) {
        blocks.executorRemoved(executor.executorId);
      }
      executor.active = false;
      executor.removeTime = Json.longOr(json, "Timestamp", 0);
      executor.removeReason = Json.text(json, "Removed Reason");
      observe(executor.removeTime);
    }
  }

  private void blockManagerAdded(JsonNode json) {
    JsonNode id = json.get("Block Manager ID");
    long time = Json.longOr(json, "Timestamp", 0);
    observe(time);
    ExecutorRecord executor = executor(Json.text(id, "Executor ID"), time);
    executor.hostPort = Json.text(id, "Host") + ":" + Json.longOr(id, "Port", 0);
    executor.maxMemory = Json.longOr(json, "Maximum Memory", 0);
    JsonNode onHeap = json.get("Maximum Onheap Memory");
    if (onHeap != null && !onHeap.isNull()) {
      executor.totalOnHeap = onHeap.asLong();
      executor.totalOffHeap = Json.longOr(json, "Maximum Offheap Memory", 0);
      // As Spark (SPARK-30594): a block manager that registers again reports all its blocks anew.
      executor.usedOnHeap = 0;
      executor.usedOffHeap = 0;
    }
  }

  private void stageExecutorMetrics(JsonNode json) {
    long[] metrics = executorMetrics(json.get("Executor Metrics"));
    if (metrics == null) {
      return;
    }
    String executorId = Json.text(json, "Executor ID");
    ExecutorRecord executor = state.executors.get(executorId);
    if (executor != null) {
      executor.peakMetrics = peak(executor.peakMetrics, metrics);
    }
    StageAttempt stage =
        state.stages.get(
            AppState.stageKey(
                Json.intOr(json, "Stage ID", -1), Json.intOr(json, "Stage Attempt ID", 0)));
    if (stage != null) {
      stage.peakExecutorMetrics = peak(stage.peakExecutorMetrics, metrics);
      ExecutorStageSummary summary = stage.executorSummary(state.intern(executorId));
      summary.peakExecutorMetrics = peak(summary.peakExecutorMetrics, metrics);
    }
  }

  private void executorMetricsUpdate(JsonNode json) {
    ExecutorRecord executor = state.executors.get(Json.text(json, "Executor ID"));
    JsonNode updates = json.get("Executor Metrics Updated");
    if (executor == null || updates == null || !updates.isArray()) {
      return;
    }
    for (JsonNode update : updates) {
      long[] metrics = executorMetrics(update.get("Executor Metrics"));
      if (metrics != null) {
        executor.peakMetrics = peak(executor.peakMetrics, metrics);
      }
    }
  }

  /** An executor metrics object by {@link ExecutorMetricNames}; an absent one reads as zeros. */
  private static long[] executorMetrics(JsonNode metrics) {
    long[] values = new long[ExecutorMetricNames.NAMES.size()];
    if (metrics != null && metrics.isObject()) {
      metrics
          .properties()
          .forEach(
              e -> {
                int index = ExecutorMetricNames.indexOf(e.getKey());
                if (index >= 0) {
                  values[index] = e.getValue().asLong();
                }
              });
    }
    return values;
  }

  private static long[] peak(long[] current, long[] update) {
    if (update == null) {
      return current;
    }
    if (current == null) {
      return Arrays.copyOf(update, update.length);
    }
    for (int i = 0; i < current.length; i++) {
      current[i] = Math.max(current[i], update[i]);
    }
    return current;
  }

  private void executorExcluded(String executorId, boolean excluded) {
    ExecutorRecord executor = state.executors.get(executorId);
    if (executor != null) {
      executor.excluded = excluded;
    }
  }

  private void nodeExcluded(String host, boolean excluded) {
    for (ExecutorRecord executor : state.executors.values()) {
      if (!executor.executorId.equals(DRIVER) && host != null && host.equals(executor.hostname())) {
        executor.excluded = excluded;
      }
    }
  }

  private void executorExcludedForStage(JsonNode json) {
    StageAttempt stage =
        state.stages.get(
            AppState.stageKey(
                Json.intOr(json, "stageId", -1), Json.intOr(json, "stageAttemptId", 0)));
    excludeForStage(stage, Json.intOr(json, "stageId", -1), Json.text(json, "executorId"));
  }

  private void nodeExcludedForStage(JsonNode json) {
    int stageId = Json.intOr(json, "stageId", -1);
    StageAttempt stage =
        state.stages.get(AppState.stageKey(stageId, Json.intOr(json, "stageAttemptId", 0)));
    String host = Json.text(json, "hostId");
    for (ExecutorRecord executor : state.executors.values()) {
      if (!executor.executorId.equals(DRIVER) && host != null && host.equals(executor.hostname())) {
        excludeForStage(stage, stageId, executor.executorId);
      }
    }
  }

  private void excludeForStage(StageAttempt stage, int stageId, String executorId) {
    if (executorId == null) {
      return;
    }
    if (stage != null) {
      stage.executorSummary(state.intern(executorId)).excluded = true;
    }
    ExecutorRecord executor = state.executors.get(executorId);
    if (executor != null) {
      executor.excludedInStages.add(stageId);
    }
  }

  private void observe(long time) {
    if (time > state.lastEventTime) {
      state.lastEventTime = time;
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** A started task and the stage attempt it belongs to. */
  private record LiveTask(TaskRecord task, StageAttempt stage) {}
}
