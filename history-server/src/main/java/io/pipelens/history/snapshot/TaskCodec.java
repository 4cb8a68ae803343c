package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ModelAccess;
import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.replay.TaskRecord;
import java.io.IOException;

/**
 * {@link TaskRecord}s, most of a snapshot's bytes: ids and times are written as differences from
 * the previous task of the stage (tasks are kept in start order, so they are small), strings by
 * reference.
 */
final class TaskCodec {

  private TaskCodec() {}

  /** The previous task's id and launch time, which the next one is written relative to. */
  static final class Cursor {
    long taskId;
    long launchTime;
  }

  static void write(SnapshotOutput out, TaskRecord task, Cursor cursor) throws IOException {
    out.varLong(task.taskId() - cursor.taskId);
    out.varInt(task.index());
    out.varInt(task.attempt());
    out.varInt(task.partitionId());
    out.varLong(task.launchTime() - cursor.launchTime);
    cursor.taskId = task.taskId();
    cursor.launchTime = task.launchTime();
    out.string(task.executorId());
    out.string(task.host());
    out.string(task.locality());
    out.bool(task.speculative());
    out.constant(task.status());
    out.varLong(task.gettingResultTime() == 0 ? 0 : task.gettingResultTime() - task.launchTime() + 1);
    out.varLong(task.finishTime() == 0 ? 0 : task.finishTime() - task.launchTime() + 1);
    out.string(task.errorMessage());
    out.longs(task.metrics());
    AccumulableCodec.writeArray(out, task.accumulables());
  }

  static TaskRecord read(SnapshotInput in, Cursor cursor) {
    long taskId = cursor.taskId + in.varLong();
    int index = in.varInt();
    int attempt = in.varInt();
    int partitionId = in.varInt();
    long launchTime = cursor.launchTime + in.varLong();
    cursor.taskId = taskId;
    cursor.launchTime = launchTime;
    TaskRecord task =
        ModelAccess.newTask(
            taskId,
            index,
            attempt,
            partitionId,
            launchTime,
            in.string(),
            in.string(),
            in.string(),
            in.bool());
    TaskRecord.Status status = in.constant(TaskRecord.Status.values());
    long gettingResult = in.varLong();
    long finish = in.varLong();
    ModelAccess.setTaskEnd(
        task,
        gettingResult == 0 ? 0 : gettingResult + launchTime - 1,
        finish == 0 ? 0 : finish + launchTime - 1,
        status,
        in.string(),
        in.longs(TaskMetric.COUNT),
        AccumulableCodec.readArray(in));
    return task;
  }
}
