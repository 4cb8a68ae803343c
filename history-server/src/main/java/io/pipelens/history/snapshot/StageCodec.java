package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ExecutorMetricNames;
import io.pipelens.history.replay.ExecutorStageSummary;
import io.pipelens.history.replay.ModelAccess;
import io.pipelens.history.replay.SpeculationSummary;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.replay.TaskRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@link StageAttempt}: its info, counters, metric sums, tasks and per-executor summaries. */
final class StageCodec {

  private StageCodec() {}

  static void write(SnapshotOutput out, StageAttempt stage) throws IOException {
    out.varInt(stage.stageId());
    out.varInt(stage.attemptId());
    out.constant(stage.status());
    out.string(stage.name());
    out.string(stage.details());
    out.string(stage.description());
    out.string(stage.schedulingPool());
    out.varInt(stage.numTasks());
    out.varLong(stage.submissionTime());
    out.varLong(stage.completionTime());
    out.varLong(stage.firstTaskLaunchedTime());
    out.string(stage.failureReason());
    out.ints(stage.rddIds());
    AccumulableCodec.writeList(out, stage.accumulables());
    out.varInt(stage.resourceProfileId());
    out.bool(stage.shufflePushEnabled());
    out.varInt(stage.shuffleMergersCount());

    out.varInt(stage.activeTasks());
    out.varInt(stage.completedTasks());
    out.varInt(stage.failedTasks());
    out.varInt(stage.killedTasks());
    out.longs(stage.peakExecutorMetrics());
    out.bits(ModelAccess.completedIndices(stage));
    StringMaps.writeCounts(out, stage.killedSummary());
    out.longs(stage.metrics());
    JobCodec.writeSet(out, ModelAccess.jobIds(stage));

    SpeculationSummary speculation = stage.speculationSummary();
    out.bool(speculation != null);
    if (speculation != null) {
      out.varInt(speculation.numTasks());
      out.varInt(speculation.activeTasks());
      out.varInt(speculation.completedTasks());
      out.varInt(speculation.failedTasks());
      out.varInt(speculation.killedTasks());
    }

    Map<String, ExecutorStageSummary> summaries = stage.executorSummaries();
    out.count(summaries.size());
    for (Map.Entry<String, ExecutorStageSummary> entry : summaries.entrySet()) {
      ExecutorStageSummary summary = entry.getValue();
      out.string(entry.getKey());
      out.varLong(summary.taskTime());
      out.varInt(summary.failedTasks());
      out.varInt(summary.succeededTasks());
      out.varInt(summary.killedTasks());
      out.bool(summary.excluded());
      out.longs(summary.peakExecutorMetrics());
      out.longs(summary.metrics());
    }

    List<TaskRecord> tasks = stage.tasks();
    out.count(tasks.size());
    TaskCodec.Cursor cursor = new TaskCodec.Cursor();
    for (TaskRecord task : tasks) {
      TaskCodec.write(out, task, cursor);
    }
  }

  static StageAttempt read(SnapshotInput in) {
    int executorMetrics = ExecutorMetricNames.NAMES.size();
    StageAttempt stage = ModelAccess.newStage(in.varInt(), in.varInt());
    ModelAccess.setStageInfo(
        stage,
        in.constant(StageAttempt.Status.values()),
        in.string(),
        in.string(),
        in.string(),
        in.string(),
        in.varInt(),
        in.varLong(),
        in.varLong(),
        in.varLong(),
        in.string(),
        in.ints(),
        AccumulableCodec.readList(in),
        in.varInt(),
        in.bool(),
        in.varInt());
    ModelAccess.setStageProgress(
        stage, in.varInt(), in.varInt(), in.varInt(), in.varInt(), in.longs(executorMetrics));
    ModelAccess.completedIndices(stage).or(in.bits());
    StringMaps.readCounts(in, stage.killedSummary());
    copy(in.longs(TaskMetric.COUNT), stage.metrics());
    JobCodec.readSet(in, ModelAccess.jobIds(stage));

    if (in.bool()) {
      ModelAccess.setSpeculation(
          ModelAccess.speculation(stage),
          in.varInt(),
          in.varInt(),
          in.varInt(),
          in.varInt(),
          in.varInt());
    }

    int summaryCount = in.count();
    for (int i = 0; i < summaryCount; i++) {
      ExecutorStageSummary summary = ModelAccess.executorSummary(stage, in.string());
      ModelAccess.setExecutorStageSummary(
          summary,
          in.varLong(),
          in.varInt(),
          in.varInt(),
          in.varInt(),
          in.bool(),
          in.longs(executorMetrics));
      copy(in.longs(TaskMetric.COUNT), summary.metrics());
    }

    int taskCount = in.count();
    TaskCodec.Cursor cursor = new TaskCodec.Cursor();
    for (int i = 0; i < taskCount; i++) {
      ModelAccess.addTask(stage, TaskCodec.read(in, cursor));
    }
    return stage;
  }

  private static void copy(long[] from, long[] into) {
    if (from == null) {
      throw new CorruptSnapshotException("metric sums missing");
    }
    System.arraycopy(from, 0, into, 0, into.length);
  }
}
