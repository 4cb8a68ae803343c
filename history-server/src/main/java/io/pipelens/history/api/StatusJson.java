package io.pipelens.history.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pipelens.history.replay.Accumulable;
import io.pipelens.history.replay.AppState;
import io.pipelens.history.replay.EnvironmentInfo;
import io.pipelens.history.replay.ExecutorMetricNames;
import io.pipelens.history.replay.ExecutorRecord;
import io.pipelens.history.replay.ExecutorStageSummary;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.ProcessRecord;
import io.pipelens.history.replay.RddRecord;
import io.pipelens.history.replay.ResourceProfileInfo;
import io.pipelens.history.replay.SpeculationSummary;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.replay.TaskRecord;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.store.Quantiles;
import io.pipelens.history.store.TaskSample;
import io.pipelens.history.store.TaskTimes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Writes Spark's per-application REST shapes ({@code JobData}, {@code StageData}, {@code TaskData},
 * {@code TaskMetricDistributions}, {@code ExecutorSummary}, {@code ApplicationEnvironmentInfo})
 * with a streaming generator: fields in Spark's order, optional fields absent rather than null
 * (Spark's {@code NON_ABSENT}), dates as {@link SparkDates#format}.
 */
final class StatusJson {

  private final JsonFactory factory = new JsonFactory();

  /** How a stage is written; Spark's {@code details}, {@code withSummaries}, task filter. */
  record StageView(
      boolean details,
      Set<TaskRecord.Status> taskStatuses,
      boolean withSummaries,
      double[] quantiles) {}

  /** Writes one JSON document. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  void write(OutputStream out, Body body) throws IOException {
    try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(new DefaultPrettyPrinter());
      body.write(json);
    }
  }

  // ---- jobs ----

  static void job(JsonGenerator json, JobRecord job) throws IOException {
    json.writeStartObject();
    json.writeNumberField("jobId", job.jobId());
    json.writeStringField("name", job.name());
    optionalString(json, "description", job.description());
    optionalDate(json, "submissionTime", job.submissionTime());
    optionalDate(json, "completionTime", job.completionTime());
    intArray(json, "stageIds", job.stageIds());
    optionalString(json, "jobGroup", job.jobGroup());
    json.writeArrayFieldStart("jobTags");
    for (String tag : job.jobTags()) {
      json.writeString(tag);
    }
    json.writeEndArray();
    json.writeStringField("status", job.status().name());
    json.writeNumberField("numTasks", job.numTasks());
    json.writeNumberField("numActiveTasks", job.activeTasks());
    json.writeNumberField("numCompletedTasks", job.completedTasks());
    json.writeNumberField("numSkippedTasks", job.skippedTasks());
    json.writeNumberField("numFailedTasks", job.failedTasks());
    json.writeNumberField("numKilledTasks", job.killedTasks());
    json.writeNumberField("numCompletedIndices", job.completedIndices());
    json.writeNumberField("numActiveStages", job.activeStages());
    json.writeNumberField("numCompletedStages", job.completedStages());
    json.writeNumberField("numSkippedStages", job.skippedStages());
    json.writeNumberField("numFailedStages", job.failedStages());
    counts(json, "killedTasksSummary", job.killedSummary());
    json.writeEndObject();
  }

  // ---- stages ----

  static void stage(JsonGenerator json, AppStore store, StageAttempt stage, StageView view)
      throws IOException {
    long[] m = stage.metrics();
    json.writeStartObject();
    json.writeStringField("status", stage.status().name());
    json.writeNumberField("stageId", stage.stageId());
    json.writeNumberField("attemptId", stage.attemptId());
    json.writeNumberField("numTasks", stage.numTasks());
    json.writeNumberField("numActiveTasks", stage.activeTasks());
    json.writeNumberField("numCompleteTasks", stage.completedTasks());
    json.writeNumberField("numFailedTasks", stage.failedTasks());
    json.writeNumberField("numKilledTasks", stage.killedTasks());
    json.writeNumberField("numCompletedIndices", stage.completedIndices());
    optionalDate(json, "submissionTime", stage.submissionTime());
    if (stage.firstTaskLaunchedTime() != Long.MAX_VALUE) {
      json.writeStringField(
          "firstTaskLaunchedTime", SparkDates.format(stage.firstTaskLaunchedTime()));
    }
    optionalDate(json, "completionTime", stage.completionTime());
    optionalString(json, "failureReason", stage.failureReason());
    metric(json, "executorDeserializeTime", m, TaskMetric.EXECUTOR_DESERIALIZE_TIME);
    metric(json, "executorDeserializeCpuTime", m, TaskMetric.EXECUTOR_DESERIALIZE_CPU_TIME);
    metric(json, "executorRunTime", m, TaskMetric.EXECUTOR_RUN_TIME);
    metric(json, "executorCpuTime", m, TaskMetric.EXECUTOR_CPU_TIME);
    metric(json, "resultSize", m, TaskMetric.RESULT_SIZE);
    metric(json, "jvmGcTime", m, TaskMetric.JVM_GC_TIME);
    metric(json, "resultSerializationTime", m, TaskMetric.RESULT_SERIALIZATION_TIME);
    metric(json, "memoryBytesSpilled", m, TaskMetric.MEMORY_BYTES_SPILLED);
    metric(json, "diskBytesSpilled", m, TaskMetric.DISK_BYTES_SPILLED);
    metric(json, "peakExecutionMemory", m, TaskMetric.PEAK_EXECUTION_MEMORY);
    metric(json, "inputBytes", m, TaskMetric.INPUT_BYTES_READ);
    metric(json, "inputRecords", m, TaskMetric.INPUT_RECORDS_READ);
    metric(json, "outputBytes", m, TaskMetric.OUTPUT_BYTES_WRITTEN);
    metric(json, "outputRecords", m, TaskMetric.OUTPUT_RECORDS_WRITTEN);
    metric(json, "shuffleRemoteBlocksFetched", m, TaskMetric.SHUFFLE_REMOTE_BLOCKS_FETCHED);
    metric(json, "shuffleLocalBlocksFetched", m, TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED);
    metric(json, "shuffleFetchWaitTime", m, TaskMetric.SHUFFLE_FETCH_WAIT_TIME);
    metric(json, "shuffleRemoteBytesRead", m, TaskMetric.SHUFFLE_REMOTE_BYTES_READ);
    metric(json, "shuffleRemoteBytesReadToDisk", m, TaskMetric.SHUFFLE_REMOTE_BYTES_READ_TO_DISK);
    metric(json, "shuffleLocalBytesRead", m, TaskMetric.SHUFFLE_LOCAL_BYTES_READ);
    json.writeNumberField("shuffleReadBytes", shuffleReadBytes(m));
    metric(json, "shuffleReadRecords", m, TaskMetric.SHUFFLE_RECORDS_READ);
    metric(
        json, "shuffleCorruptMergedBlockChunks", m, TaskMetric.SHUFFLE_CORRUPT_MERGED_BLOCK_CHUNKS);
    metric(
        json, "shuffleMergedFetchFallbackCount", m, TaskMetric.SHUFFLE_MERGED_FETCH_FALLBACK_COUNT);
    metric(
        json,
        "shuffleMergedRemoteBlocksFetched",
        m,
        TaskMetric.SHUFFLE_MERGED_REMOTE_BLOCKS_FETCHED);
    metric(
        json, "shuffleMergedLocalBlocksFetched", m, TaskMetric.SHUFFLE_MERGED_LOCAL_BLOCKS_FETCHED);
    metric(
        json,
        "shuffleMergedRemoteChunksFetched",
        m,
        TaskMetric.SHUFFLE_MERGED_REMOTE_CHUNKS_FETCHED);
    metric(
        json, "shuffleMergedLocalChunksFetched", m, TaskMetric.SHUFFLE_MERGED_LOCAL_CHUNKS_FETCHED);
    metric(json, "shuffleMergedRemoteBytesRead", m, TaskMetric.SHUFFLE_MERGED_REMOTE_BYTES_READ);
    metric(json, "shuffleMergedLocalBytesRead", m, TaskMetric.SHUFFLE_MERGED_LOCAL_BYTES_READ);
    metric(json, "shuffleRemoteReqsDuration", m, TaskMetric.SHUFFLE_REMOTE_REQS_DURATION);
    metric(
        json, "shuffleMergedRemoteReqsDuration", m, TaskMetric.SHUFFLE_MERGED_REMOTE_REQS_DURATION);
    metric(json, "shuffleWriteBytes", m, TaskMetric.SHUFFLE_BYTES_WRITTEN);
    metric(json, "shuffleWriteTime", m, TaskMetric.SHUFFLE_WRITE_TIME);
    metric(json, "shuffleWriteRecords", m, TaskMetric.SHUFFLE_RECORDS_WRITTEN);
    json.writeStringField("name", stage.name());
    optionalString(json, "description", stage.description());
    json.writeStringField("details", stage.details());
    json.writeStringField("schedulingPool", stage.schedulingPool());
    intArray(json, "rddIds", stage.rddIds());
    accumulables(json, stage.accumulables());
    long now = store.state().lastEventTime();
    if (view.details()) {
      json.writeObjectFieldStart("tasks");
      for (TaskRecord task : store.tasks(stage, view.taskStatuses())) {
        json.writeFieldName(Long.toString(task.taskId()));
        task(json, store, task, now);
      }
      json.writeEndObject();
      json.writeObjectFieldStart("executorSummary");
      for (Map.Entry<String, ExecutorStageSummary> entry : stage.executorSummaries().entrySet()) {
        json.writeFieldName(entry.getKey());
        executorStageSummary(json, entry.getValue());
      }
      json.writeEndObject();
      SpeculationSummary speculation = stage.speculationSummary();
      if (speculation != null) {
        json.writeObjectFieldStart("speculationSummary");
        json.writeNumberField("numTasks", speculation.numTasks());
        json.writeNumberField("numActiveTasks", speculation.activeTasks());
        json.writeNumberField("numCompletedTasks", speculation.completedTasks());
        json.writeNumberField("numFailedTasks", speculation.failedTasks());
        json.writeNumberField("numKilledTasks", speculation.killedTasks());
        json.writeEndObject();
      }
    }
    counts(json, "killedTasksSummary", stage.killedSummary());
    json.writeNumberField("resourceProfileId", stage.resourceProfileId());
    if (stage.peakExecutorMetrics() != null) {
      // Spark leaves it out until a task ends or executor metrics arrive (a skipped stage).
      peakMetrics(json, "peakExecutorMetrics", stage.peakExecutorMetrics());
    }
    if (view.withSummaries()) {
      Optional<TaskSample> sample = store.taskSample(stage, view.quantiles());
      if (sample.isPresent()) {
        json.writeFieldName("taskMetricsDistributions");
        taskSummary(json, sample.get(), now);
      }
      if (!stage.executorSummaries().isEmpty()) {
        executorDistributions(json, stage.executorSummaries().values(), view.quantiles());
      }
    }
    json.writeBooleanField("isShufflePushEnabled", stage.shufflePushEnabled());
    json.writeNumberField("shuffleMergersCount", stage.shuffleMergersCount());
    json.writeEndObject();
  }

  private static void executorStageSummary(JsonGenerator json, ExecutorStageSummary summary)
      throws IOException {
    long[] m = summary.metrics();
    json.writeStartObject();
    json.writeNumberField("taskTime", summary.taskTime());
    json.writeNumberField("failedTasks", summary.failedTasks());
    json.writeNumberField("succeededTasks", summary.succeededTasks());
    json.writeNumberField("killedTasks", summary.killedTasks());
    metric(json, "inputBytes", m, TaskMetric.INPUT_BYTES_READ);
    metric(json, "inputRecords", m, TaskMetric.INPUT_RECORDS_READ);
    metric(json, "outputBytes", m, TaskMetric.OUTPUT_BYTES_WRITTEN);
    metric(json, "outputRecords", m, TaskMetric.OUTPUT_RECORDS_WRITTEN);
    json.writeNumberField("shuffleRead", shuffleReadBytes(m));
    metric(json, "shuffleReadRecords", m, TaskMetric.SHUFFLE_RECORDS_READ);
    metric(json, "shuffleWrite", m, TaskMetric.SHUFFLE_BYTES_WRITTEN);
    metric(json, "shuffleWriteRecords", m, TaskMetric.SHUFFLE_RECORDS_WRITTEN);
    metric(json, "memoryBytesSpilled", m, TaskMetric.MEMORY_BYTES_SPILLED);
    metric(json, "diskBytesSpilled", m, TaskMetric.DISK_BYTES_SPILLED);
    json.writeBooleanField("isBlacklistedForStage", summary.excluded());
    if (summary.peakExecutorMetrics() != null) {
      peakMetrics(json, "peakMemoryMetrics", summary.peakExecutorMetrics());
    }
    json.writeBooleanField("isExcludedForStage", summary.excluded());
    json.writeEndObject();
  }

  /** Spark's {@code ExecutorMetricsDistributions} over one stage attempt's executors. */
  private static void executorDistributions(
      JsonGenerator json, Collection<ExecutorStageSummary> summaries, double[] quantiles)
      throws IOException {
    List<ExecutorStageSummary> list = List.copyOf(summaries);
    json.writeObjectFieldStart("executorMetricsDistributions");
    doubles(json, "quantiles", quantiles);
    summaryQuantiles(json, "taskTime", list, quantiles, ExecutorStageSummary::taskTime);
    summaryQuantiles(json, "failedTasks", list, quantiles, ExecutorStageSummary::failedTasks);
    summaryQuantiles(json, "succeededTasks", list, quantiles, ExecutorStageSummary::succeededTasks);
    summaryQuantiles(json, "killedTasks", list, quantiles, ExecutorStageSummary::killedTasks);
    summaryMetric(json, "inputBytes", list, quantiles, TaskMetric.INPUT_BYTES_READ);
    summaryMetric(json, "inputRecords", list, quantiles, TaskMetric.INPUT_RECORDS_READ);
    summaryMetric(json, "outputBytes", list, quantiles, TaskMetric.OUTPUT_BYTES_WRITTEN);
    summaryMetric(json, "outputRecords", list, quantiles, TaskMetric.OUTPUT_RECORDS_WRITTEN);
    summaryQuantiles(json, "shuffleRead", list, quantiles, s -> shuffleReadBytes(s.metrics()));
    summaryMetric(json, "shuffleReadRecords", list, quantiles, TaskMetric.SHUFFLE_RECORDS_READ);
    summaryMetric(json, "shuffleWrite", list, quantiles, TaskMetric.SHUFFLE_BYTES_WRITTEN);
    summaryMetric(json, "shuffleWriteRecords", list, quantiles, TaskMetric.SHUFFLE_RECORDS_WRITTEN);
    summaryMetric(json, "memoryBytesSpilled", list, quantiles, TaskMetric.MEMORY_BYTES_SPILLED);
    summaryMetric(json, "diskBytesSpilled", list, quantiles, TaskMetric.DISK_BYTES_SPILLED);
    json.writeObjectFieldStart("peakMemoryMetrics");
    for (int i = 0; i < ExecutorMetricNames.NAMES.size(); i++) {
      int index = i;
      summaryQuantiles(
          json,
          ExecutorMetricNames.NAMES.get(i),
          list,
          quantiles,
          s -> s.peakExecutorMetrics() == null ? 0 : s.peakExecutorMetrics()[index]);
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void summaryMetric(
      JsonGenerator json,
      String field,
      List<ExecutorStageSummary> summaries,
      double[] quantiles,
      TaskMetric metric)
      throws IOException {
    int index = metric.ordinal();
    summaryQuantiles(json, field, summaries, quantiles, s -> s.metrics()[index]);
  }

  private static void summaryQuantiles(
      JsonGenerator json,
      String field,
      List<ExecutorStageSummary> summaries,
      double[] quantiles,
      ToLongFunction<ExecutorStageSummary> value)
      throws IOException {
    long[] values = new long[summaries.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value.applyAsLong(summaries.get(i));
    }
    doubles(json, field, Quantiles.of(values, quantiles));
  }

  // ---- tasks ----

  static void task(JsonGenerator json, AppStore store, TaskRecord task, long now)
      throws IOException {
    json.writeStartObject();
    json.writeNumberField("taskId", task.taskId());
    json.writeNumberField("index", task.index());
    json.writeNumberField("attempt", task.attempt());
    json.writeNumberField("partitionId", task.partitionId());
    json.writeStringField("launchTime", SparkDates.format(task.launchTime()));
    if (task.gettingResultTime() > 0) {
      json.writeStringField("resultFetchStart", SparkDates.format(task.gettingResultTime()));
    }
    json.writeNumberField("duration", TaskTimes.duration(task, now));
    json.writeStringField("executorId", task.executorId());
    json.writeStringField("host", task.host());
    json.writeStringField("status", task.status().sparkName());
    json.writeStringField("taskLocality", task.locality());
    json.writeBooleanField("speculative", task.speculative());
    accumulables(json, List.of(task.accumulables()));
    optionalString(json, "errorMessage", task.errorMessage());
    if (task.metrics() != null) {
      taskMetrics(json, task.metrics());
    }
    ExecutorRecord executor = store.state().executor(task.executorId());
    stringMap(json, "executorLogs", executor == null ? Map.of() : executor.logs());
    json.writeNumberField("schedulerDelay", TaskTimes.schedulerDelay(task, now));
    json.writeNumberField("gettingResultTime", TaskTimes.gettingResultTime(task, now));
    json.writeEndObject();
  }

  private static void taskMetrics(JsonGenerator json, long[] m) throws IOException {
    json.writeObjectFieldStart("taskMetrics");
    metric(json, "executorDeserializeTime", m, TaskMetric.EXECUTOR_DESERIALIZE_TIME);
    metric(json, "executorDeserializeCpuTime", m, TaskMetric.EXECUTOR_DESERIALIZE_CPU_TIME);
    metric(json, "executorRunTime", m, TaskMetric.EXECUTOR_RUN_TIME);
    metric(json, "executorCpuTime", m, TaskMetric.EXECUTOR_CPU_TIME);
    metric(json, "resultSize", m, TaskMetric.RESULT_SIZE);
    metric(json, "jvmGcTime", m, TaskMetric.JVM_GC_TIME);
    metric(json, "resultSerializationTime", m, TaskMetric.RESULT_SERIALIZATION_TIME);
    metric(json, "memoryBytesSpilled", m, TaskMetric.MEMORY_BYTES_SPILLED);
    metric(json, "diskBytesSpilled", m, TaskMetric.DISK_BYTES_SPILLED);
    metric(json, "peakExecutionMemory", m, TaskMetric.PEAK_EXECUTION_MEMORY);
    json.writeObjectFieldStart("inputMetrics");
    metric(json, "bytesRead", m, TaskMetric.INPUT_BYTES_READ);
    metric(json, "recordsRead", m, TaskMetric.INPUT_RECORDS_READ);
    json.writeEndObject();
    json.writeObjectFieldStart("outputMetrics");
    metric(json, "bytesWritten", m, TaskMetric.OUTPUT_BYTES_WRITTEN);
    metric(json, "recordsWritten", m, TaskMetric.OUTPUT_RECORDS_WRITTEN);
    json.writeEndObject();
    json.writeObjectFieldStart("shuffleReadMetrics");
    metric(json, "remoteBlocksFetched", m, TaskMetric.SHUFFLE_REMOTE_BLOCKS_FETCHED);
    metric(json, "localBlocksFetched", m, TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED);
    metric(json, "fetchWaitTime", m, TaskMetric.SHUFFLE_FETCH_WAIT_TIME);
    metric(json, "remoteBytesRead", m, TaskMetric.SHUFFLE_REMOTE_BYTES_READ);
    metric(json, "remoteBytesReadToDisk", m, TaskMetric.SHUFFLE_REMOTE_BYTES_READ_TO_DISK);
    metric(json, "localBytesRead", m, TaskMetric.SHUFFLE_LOCAL_BYTES_READ);
    metric(json, "recordsRead", m, TaskMetric.SHUFFLE_RECORDS_READ);
    metric(json, "remoteReqsDuration", m, TaskMetric.SHUFFLE_REMOTE_REQS_DURATION);
    json.writeObjectFieldStart("shufflePushReadMetrics");
    metric(json, "corruptMergedBlockChunks", m, TaskMetric.SHUFFLE_CORRUPT_MERGED_BLOCK_CHUNKS);
    metric(json, "mergedFetchFallbackCount", m, TaskMetric.SHUFFLE_MERGED_FETCH_FALLBACK_COUNT);
    metric(json, "remoteMergedBlocksFetched", m, TaskMetric.SHUFFLE_MERGED_REMOTE_BLOCKS_FETCHED);
    metric(json, "localMergedBlocksFetched", m, TaskMetric.SHUFFLE_MERGED_LOCAL_BLOCKS_FETCHED);
    metric(json, "remoteMergedChunksFetched", m, TaskMetric.SHUFFLE_MERGED_REMOTE_CHUNKS_FETCHED);
    metric(json, "localMergedChunksFetched", m, TaskMetric.SHUFFLE_MERGED_LOCAL_CHUNKS_FETCHED);
    metric(json, "remoteMergedBytesRead", m, TaskMetric.SHUFFLE_MERGED_REMOTE_BYTES_READ);
    metric(json, "localMergedBytesRead", m, TaskMetric.SHUFFLE_MERGED_LOCAL_BYTES_READ);
    metric(json, "remoteMergedReqsDuration", m, TaskMetric.SHUFFLE_MERGED_REMOTE_REQS_DURATION);
    json.writeEndObject();
    json.writeEndObject();
    json.writeObjectFieldStart("shuffleWriteMetrics");
    metric(json, "bytesWritten", m, TaskMetric.SHUFFLE_BYTES_WRITTEN);
    metric(json, "writeTime", m, TaskMetric.SHUFFLE_WRITE_TIME);
    metric(json, "recordsWritten", m, TaskMetric.SHUFFLE_RECORDS_WRITTEN);
    json.writeEndObject();
    json.writeEndObject();
  }

  // ---- task summary ----

  static void taskSummary(JsonGenerator json, TaskSample sample, long now) throws IOException {
    json.writeStartObject();
    doubles(json, "quantiles", sample.quantiles());
    distribution(json, sample, "duration", t -> TaskTimes.duration(t, now));
    distribution(json, sample, "executorDeserializeTime", TaskMetric.EXECUTOR_DESERIALIZE_TIME);
    distribution(
        json, sample, "executorDeserializeCpuTime", TaskMetric.EXECUTOR_DESERIALIZE_CPU_TIME);
    distribution(json, sample, "executorRunTime", TaskMetric.EXECUTOR_RUN_TIME);
    distribution(json, sample, "executorCpuTime", TaskMetric.EXECUTOR_CPU_TIME);
    distribution(json, sample, "resultSize", TaskMetric.RESULT_SIZE);
    distribution(json, sample, "jvmGcTime", TaskMetric.JVM_GC_TIME);
    distribution(json, sample, "resultSerializationTime", TaskMetric.RESULT_SERIALIZATION_TIME);
    distribution(json, sample, "gettingResultTime", t -> TaskTimes.gettingResultTime(t, now));
    distribution(json, sample, "schedulerDelay", t -> TaskTimes.schedulerDelay(t, now));
    distribution(json, sample, "peakExecutionMemory", TaskMetric.PEAK_EXECUTION_MEMORY);
    distribution(json, sample, "memoryBytesSpilled", TaskMetric.MEMORY_BYTES_SPILLED);
    distribution(json, sample, "diskBytesSpilled", TaskMetric.DISK_BYTES_SPILLED);
    json.writeObjectFieldStart("inputMetrics");
    distribution(json, sample, "bytesRead", TaskMetric.INPUT_BYTES_READ);
    distribution(json, sample, "recordsRead", TaskMetric.INPUT_RECORDS_READ);
    json.writeEndObject();
    json.writeObjectFieldStart("outputMetrics");
    distribution(json, sample, "bytesWritten", TaskMetric.OUTPUT_BYTES_WRITTEN);
    distribution(json, sample, "recordsWritten", TaskMetric.OUTPUT_RECORDS_WRITTEN);
    json.writeEndObject();
    json.writeObjectFieldStart("shuffleReadMetrics");
    distribution(json, sample, "readBytes", t -> shuffleReadBytes(t.metrics()));
    distribution(json, sample, "readRecords", TaskMetric.SHUFFLE_RECORDS_READ);
    distribution(json, sample, "remoteBlocksFetched", TaskMetric.SHUFFLE_REMOTE_BLOCKS_FETCHED);
    distribution(json, sample, "localBlocksFetched", TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED);
    distribution(json, sample, "fetchWaitTime", TaskMetric.SHUFFLE_FETCH_WAIT_TIME);
    distribution(json, sample, "remoteBytesRead", TaskMetric.SHUFFLE_REMOTE_BYTES_READ);
    distribution(
        json, sample, "remoteBytesReadToDisk", TaskMetric.SHUFFLE_REMOTE_BYTES_READ_TO_DISK);
    distribution(
        json,
        sample,
        "totalBlocksFetched",
        t ->
            t.metrics()[TaskMetric.SHUFFLE_REMOTE_BLOCKS_FETCHED.ordinal()]
                + t.metrics()[TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED.ordinal()]);
    distribution(json, sample, "remoteReqsDuration", TaskMetric.SHUFFLE_REMOTE_REQS_DURATION);
    json.writeObjectFieldStart("shufflePushReadMetricsDist");
    distribution(
        json, sample, "corruptMergedBlockChunks", TaskMetric.SHUFFLE_CORRUPT_MERGED_BLOCK_CHUNKS);
    distribution(
        json, sample, "mergedFetchFallbackCount", TaskMetric.SHUFFLE_MERGED_FETCH_FALLBACK_COUNT);
    distribution(
        json, sample, "remoteMergedBlocksFetched", TaskMetric.SHUFFLE_MERGED_REMOTE_BLOCKS_FETCHED);
    distribution(
        json, sample, "localMergedBlocksFetched", TaskMetric.SHUFFLE_MERGED_LOCAL_BLOCKS_FETCHED);
    distribution(
        json, sample, "remoteMergedChunksFetched", TaskMetric.SHUFFLE_MERGED_REMOTE_CHUNKS_FETCHED);
    distribution(
        json, sample, "localMergedChunksFetched", TaskMetric.SHUFFLE_MERGED_LOCAL_CHUNKS_FETCHED);
    distribution(
        json, sample, "remoteMergedBytesRead", TaskMetric.SHUFFLE_MERGED_REMOTE_BYTES_READ);
    distribution(json, sample, "localMergedBytesRead", TaskMetric.SHUFFLE_MERGED_LOCAL_BYTES_READ);
    distribution(
        json, sample, "remoteMergedReqsDuration", TaskMetric.SHUFFLE_MERGED_REMOTE_REQS_DURATION);
    json.writeEndObject();
    json.writeEndObject();
    json.writeObjectFieldStart("shuffleWriteMetrics");
    distribution(json, sample, "writeBytes", TaskMetric.SHUFFLE_BYTES_WRITTEN);
    distribution(json, sample, "writeRecords", TaskMetric.SHUFFLE_RECORDS_WRITTEN);
    distribution(json, sample, "writeTime", TaskMetric.SHUFFLE_WRITE_TIME);
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void distribution(
      JsonGenerator json, TaskSample sample, String field, TaskMetric metric) throws IOException {
    int index = metric.ordinal();
    distribution(json, sample, field, t -> t.metrics()[index]);
  }

  private static void distribution(
      JsonGenerator json, TaskSample sample, String field, ToLongFunction<TaskRecord> metric)
      throws IOException {
    doubles(json, field, sample.quantiles(metric));
  }

  // ---- executors ----

  /**
   * Spark reports the driver's {@code totalDuration} as the application's run time and its {@code
   * totalGCTime} as its peak {@code TotalGCTime}, not as sums over tasks (which the driver rarely
   * runs). A running application's run time ends at its latest event here, where Spark uses the
   * wall clock.
   */
  static void executor(JsonGenerator json, AppState state, ExecutorRecord executor)
      throws IOException {
    long totalDuration = executor.totalDuration();
    long totalGcTime = executor.totalGcTime();
    if (executor.executorId().equals("driver")) {
      long start = state.applicationStartTime();
      if (start != 0) {
        long end = state.applicationEndTime();
        totalDuration = (end >= 0 ? end : state.lastEventTime()) - start;
      }
      if (executor.peakMetrics() != null) {
        totalGcTime = executor.peakMetrics()[ExecutorMetricNames.NAMES.indexOf("TotalGCTime")];
      }
    }
    json.writeStartObject();
    json.writeStringField("id", executor.executorId());
    json.writeStringField("hostPort", executor.hostPort());
    json.writeBooleanField("isActive", executor.active());
    json.writeNumberField("rddBlocks", executor.rddBlocks());
    json.writeNumberField("memoryUsed", executor.memoryUsed());
    json.writeNumberField("diskUsed", executor.diskUsed());
    json.writeNumberField("totalCores", executor.totalCores());
    json.writeNumberField("maxTasks", executor.maxTasks());
    json.writeNumberField("activeTasks", executor.activeTasks());
    json.writeNumberField("failedTasks", executor.failedTasks());
    json.writeNumberField("completedTasks", executor.completedTasks());
    json.writeNumberField("totalTasks", executor.totalTasks());
    json.writeNumberField("totalDuration", totalDuration);
    json.writeNumberField("totalGCTime", totalGcTime);
    json.writeNumberField("totalInputBytes", executor.totalInputBytes());
    json.writeNumberField("totalShuffleRead", executor.totalShuffleRead());
    json.writeNumberField("totalShuffleWrite", executor.totalShuffleWrite());
    json.writeBooleanField("isBlacklisted", executor.excluded());
    json.writeNumberField("maxMemory", executor.maxMemory());
    json.writeStringField("addTime", SparkDates.format(executor.addTime()));
    optionalDate(json, "removeTime", executor.removeTime());
    optionalString(json, "removeReason", executor.removeReason());
    stringMap(json, "executorLogs", executor.logs());
    if (executor.hasMemoryMetrics()) {
      json.writeObjectFieldStart("memoryMetrics");
      json.writeNumberField("usedOnHeapStorageMemory", executor.usedOnHeap());
      json.writeNumberField("usedOffHeapStorageMemory", executor.usedOffHeap());
      json.writeNumberField("totalOnHeapStorageMemory", executor.totalOnHeap());
      json.writeNumberField("totalOffHeapStorageMemory", executor.totalOffHeap());
      json.writeEndObject();
    }
    intArray(json, "blacklistedInStages", executor.excludedInStages());
    if (executor.peakMetrics() != null) {
      peakMetrics(json, "peakMemoryMetrics", executor.peakMetrics());
    }
    stringMap(json, "attributes", executor.attributes());
    json.writeObjectFieldStart("resources");
    for (Map.Entry<String, ExecutorRecord.Resource> entry : executor.resources().entrySet()) {
      json.writeObjectFieldStart(entry.getKey());
      json.writeStringField("name", entry.getValue().name());
      json.writeArrayFieldStart("addresses");
      for (String address : entry.getValue().addresses()) {
        json.writeString(address);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeNumberField("resourceProfileId", executor.resourceProfileId());
    json.writeBooleanField("isExcluded", executor.excluded());
    intArray(json, "excludedInStages", executor.excludedInStages());
    json.writeEndObject();
  }

  // ---- storage and other processes ----

  /**
   * Spark's {@code RDDStorageInfo}, from the log's block updates: {@code dataDistribution} only
   * while some executor holds a block (Spark's {@code None} otherwise), {@code partitions} always.
   * The on- and off-heap fields of a distribution are there only for executors that reported
   * their memory split, as in Spark.
   */
  static void rdd(JsonGenerator json, RddRecord rdd) throws IOException {
    json.writeStartObject();
    json.writeNumberField("id", rdd.id());
    json.writeStringField("name", rdd.name());
    json.writeNumberField("numPartitions", rdd.numPartitions());
    json.writeNumberField("numCachedPartitions", rdd.numCachedPartitions());
    json.writeStringField("storageLevel", rdd.storageLevel());
    json.writeNumberField("memoryUsed", rdd.memoryUsed());
    json.writeNumberField("diskUsed", rdd.diskUsed());
    if (!rdd.distributions().isEmpty()) {
      json.writeArrayFieldStart("dataDistribution");
      for (RddRecord.Distribution d : rdd.distributions()) {
        json.writeStartObject();
        json.writeStringField("address", d.address());
        json.writeNumberField("memoryUsed", d.memoryUsed());
        json.writeNumberField("memoryRemaining", d.memoryRemaining());
        json.writeNumberField("diskUsed", d.diskUsed());
        if (d.hasMemoryInfo()) {
          json.writeNumberField("onHeapMemoryUsed", d.onHeapMemoryUsed());
          json.writeNumberField("offHeapMemoryUsed", d.offHeapMemoryUsed());
          json.writeNumberField("onHeapMemoryRemaining", d.onHeapMemoryRemaining());
          json.writeNumberField("offHeapMemoryRemaining", d.offHeapMemoryRemaining());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeArrayFieldStart("partitions");
    for (RddRecord.Partition partition : rdd.partitions()) {
      json.writeStartObject();
      json.writeStringField("blockName", partition.blockName());
      json.writeStringField("storageLevel", partition.storageLevel());
      json.writeNumberField("memoryUsed", partition.memoryUsed());
      json.writeNumberField("diskUsed", partition.diskUsed());
      json.writeArrayFieldStart("executors");
      for (String executor : partition.executors()) {
        json.writeString(executor);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** Spark's {@code ProcessSummary}. */
  static void process(JsonGenerator json, ProcessRecord process) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", process.id());
    json.writeStringField("hostPort", process.hostPort());
    json.writeBooleanField("isActive", true);
    json.writeNumberField("totalCores", process.totalCores());
    json.writeStringField("addTime", SparkDates.format(process.addTime()));
    stringMap(json, "processLogs", process.logs());
    json.writeEndObject();
  }

  // ---- environment ----

  static void environment(
      JsonGenerator json, EnvironmentInfo environment, Collection<ResourceProfileInfo> profiles)
      throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("runtime");
    json.writeStringField("javaVersion", environment.javaVersion());
    json.writeStringField("javaHome", environment.javaHome());
    json.writeStringField("scalaVersion", environment.scalaVersion());
    json.writeEndObject();
    pairs(json, "sparkProperties", environment.sparkProperties());
    pairs(json, "hadoopProperties", environment.hadoopProperties());
    pairs(json, "systemProperties", environment.systemProperties());
    pairs(json, "metricsProperties", environment.metricsProperties());
    pairs(json, "classpathEntries", environment.classpathEntries());
    json.writeArrayFieldStart("resourceProfiles");
    for (ResourceProfileInfo profile : profiles) {
      json.writeStartObject();
      json.writeNumberField("id", profile.id());
      json.writeObjectFieldStart("executorResources");
      for (Map.Entry<String, ResourceProfileInfo.ExecutorResourceRequest> e :
          profile.executorResources().entrySet()) {
        json.writeObjectFieldStart(e.getKey());
        json.writeStringField("resourceName", e.getValue().resourceName());
        json.writeNumberField("amount", e.getValue().amount());
        json.writeStringField("discoveryScript", e.getValue().discoveryScript());
        json.writeStringField("vendor", e.getValue().vendor());
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeObjectFieldStart("taskResources");
      for (Map.Entry<String, ResourceProfileInfo.TaskResourceRequest> e :
          profile.taskResources().entrySet()) {
        json.writeObjectFieldStart(e.getKey());
        json.writeStringField("resourceName", e.getValue().resourceName());
        json.writeNumberField("amount", e.getValue().amount());
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  // ---- helpers ----

  private static long shuffleReadBytes(long[] m) {
    return m[TaskMetric.SHUFFLE_LOCAL_BYTES_READ.ordinal()]
        + m[TaskMetric.SHUFFLE_REMOTE_BYTES_READ.ordinal()];
  }

  private static void peakMetrics(JsonGenerator json, String field, long[] peaks)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (int i = 0; i < ExecutorMetricNames.NAMES.size(); i++) {
      json.writeNumberField(ExecutorMetricNames.NAMES.get(i), peaks[i]);
    }
    json.writeEndObject();
  }

  private static void accumulables(JsonGenerator json, List<Accumulable> accumulables)
      throws IOException {
    json.writeArrayFieldStart("accumulatorUpdates");
    for (Accumulable acc : accumulables) {
      json.writeStartObject();
      json.writeNumberField("id", acc.id());
      json.writeStringField("name", acc.name());
      optionalString(json, "update", acc.update());
      json.writeStringField("value", acc.value());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void metric(JsonGenerator json, String field, long[] metrics, TaskMetric metric)
      throws IOException {
    json.writeNumberField(field, metrics[metric.ordinal()]);
  }

  private static void counts(JsonGenerator json, String field, Map<String, Integer> counts)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      json.writeNumberField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }

  private static void stringMap(JsonGenerator json, String field, Map<String, String> map)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, String> entry : map.entrySet()) {
      json.writeStringField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }

  private static void pairs(JsonGenerator json, String field, List<Map.Entry<String, String>> pairs)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (Map.Entry<String, String> pair : pairs) {
      json.writeStartArray();
      json.writeString(pair.getKey());
      json.writeString(pair.getValue());
      json.writeEndArray();
    }
    json.writeEndArray();
  }

  private static void intArray(JsonGenerator json, String field, int[] values) throws IOException {
    json.writeArrayFieldStart(field);
    for (int value : values) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }

  private static void intArray(JsonGenerator json, String field, Collection<Integer> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (int value : values) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }

  private static void doubles(JsonGenerator json, String field, double[] values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (double value : values) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }

  private static void optionalString(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  private static void optionalDate(JsonGenerator json, String field, long epochMillis)
      throws IOException {
    if (epochMillis >= 0) {
      json.writeStringField(field, SparkDates.format(epochMillis));
    }
  }
}
