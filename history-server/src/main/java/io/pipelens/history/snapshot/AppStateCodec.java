package io.pipelens.history.snapshot;

import io.pipelens.history.replay.AppState;
import io.pipelens.history.replay.ExecutorRecord;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.ModelAccess;
import io.pipelens.history.replay.ProcessRecord;
import io.pipelens.history.replay.RddRecord;
import io.pipelens.history.replay.ResourceProfileInfo;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.StageAttempt;
import java.io.IOException;
import java.util.Collection;

/**
 * A whole {@link AppState}: the application's facts, then each collection as a count and its
 * elements in the model's order, each element by the codec of its class.
 */
final class AppStateCodec {

  private AppStateCodec() {}

  static void write(SnapshotOutput out, AppState state) throws IOException {
    EnvironmentCodec.write(out, state.environment());
    out.bool(ModelAccess.environmentSeen(state));
    out.varLong(state.lastEventTime());
    out.varLong(state.applicationStartTime());
    out.varLong(state.applicationEndTime());
    out.varLong(ModelAccess.taskAccumulables(state));

    Collection<ResourceProfileInfo> profiles = state.resourceProfiles();
    out.count(profiles.size());
    for (ResourceProfileInfo profile : profiles) {
      ResourceProfileCodec.write(out, profile);
    }
    Collection<ExecutorRecord> executors = state.executors();
    out.count(executors.size());
    for (ExecutorRecord executor : executors) {
      ExecutorCodec.write(out, executor);
    }
    Collection<ProcessRecord> processes = state.processes();
    out.count(processes.size());
    for (ProcessRecord process : processes) {
      ProcessCodec.write(out, process);
    }
    Collection<RddRecord> rdds = state.rdds();
    out.count(rdds.size());
    for (RddRecord rdd : rdds) {
      RddCodec.write(out, rdd);
    }
    Collection<JobRecord> jobs = state.jobs();
    out.count(jobs.size());
    for (JobRecord job : jobs) {
      JobCodec.write(out, job);
    }
    Collection<StageAttempt> stages = state.stages();
    out.count(stages.size());
    for (StageAttempt stage : stages) {
      StageCodec.write(out, stage);
    }
    Collection<SqlExecution> executions = state.sqlExecutions();
    out.count(executions.size());
    for (SqlExecution execution : executions) {
      SqlCodec.write(out, execution);
    }
  }

  static AppState read(SnapshotInput in) {
    AppState state = ModelAccess.newState();
    ModelAccess.setApplication(
        state,
        EnvironmentCodec.read(in),
        in.bool(),
        in.varLong(),
        in.varLong(),
        in.varLong(),
        in.varLong());
    int profiles = in.count();
    for (int i = 0; i < profiles; i++) {
      ModelAccess.add(state, ResourceProfileCodec.read(in));
    }
    int executors = in.count();
    for (int i = 0; i < executors; i++) {
      ModelAccess.add(state, ExecutorCodec.read(in));
    }
    int processes = in.count();
    for (int i = 0; i < processes; i++) {
      ModelAccess.add(state, ProcessCodec.read(in));
    }
    int rdds = in.count();
    for (int i = 0; i < rdds; i++) {
      ModelAccess.add(state, RddCodec.read(in));
    }
    int jobs = in.count();
    for (int i = 0; i < jobs; i++) {
      ModelAccess.add(state, JobCodec.read(in));
    }
    int stages = in.count();
    for (int i = 0; i < stages; i++) {
      ModelAccess.add(state, StageCodec.read(in));
    }
    int executions = in.count();
    for (int i = 0; i < executions; i++) {
      ModelAccess.add(state, SqlCodec.read(in));
    }
    return state;
  }
}
