package io.pipelens.history.snapshot;

import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.ModelAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link JobRecord}: the job start's facts, then its counters and sets. */
final class JobCodec {

  private JobCodec() {}

  static void write(SnapshotOutput out, JobRecord job) throws IOException {
    out.varInt(job.jobId());
    out.string(job.name());
    out.string(job.description());
    out.varLong(job.submissionTime());
    out.ints(job.stageIds());
    out.string(job.jobGroup());
    out.count(job.jobTags().size());
    for (String tag : job.jobTags()) {
      out.string(tag);
    }
    out.varInt(job.numTasks());
    out.constant(job.status());
    out.varLong(job.completionTime());
    out.varInt(job.activeTasks());
    out.varInt(job.completedTasks());
    out.varInt(job.failedTasks());
    out.varInt(job.killedTasks());
    out.varInt(job.skippedTasks());
    out.varInt(job.activeStages());
    out.varInt(job.failedStages());
    // Sorted, so that two snapshots of one replay are the same bytes.
    Map<Integer, BitSet> indices = new TreeMap<>(ModelAccess.completedIndices(job));
    out.count(indices.size());
    for (Map.Entry<Integer, BitSet> entry : indices.entrySet()) {
      out.varInt(entry.getKey());
      out.bits(entry.getValue());
    }
    writeSet(out, ModelAccess.completedStages(job));
    writeSet(out, ModelAccess.skippedStages(job));
    StringMaps.writeCounts(out, job.killedSummary());
    Map<Integer, int[]> parents = new TreeMap<>(ModelAccess.stageParents(job));
    out.count(parents.size());
    for (Map.Entry<Integer, int[]> entry : parents.entrySet()) {
      out.varInt(entry.getKey());
      out.ints(entry.getValue());
    }
  }

  static JobRecord read(SnapshotInput in) {
    int jobId = in.varInt();
    String name = in.string();
    String description = in.string();
    long submissionTime = in.varLong();
    int[] stageIds = in.ints();
    String jobGroup = in.string();
    int tagCount = in.count();
    List<String> tags = new ArrayList<>(tagCount);
    for (int i = 0; i < tagCount; i++) {
      tags.add(in.string());
    }
    int numTasks = in.varInt();
    JobRecord job =
        ModelAccess.newJob(
            jobId, name, description, submissionTime, stageIds, jobGroup, List.copyOf(tags),
            numTasks);
    ModelAccess.setJobProgress(
        job,
        in.constant(JobRecord.Status.values()),
        in.varLong(),
        in.varInt(),
        in.varInt(),
        in.varInt(),
        in.varInt(),
        in.varInt(),
        in.varInt(),
        in.varInt());
    int indexCount = in.count();
    for (int i = 0; i < indexCount; i++) {
      ModelAccess.completedIndices(job).put(in.varInt(), in.bits());
    }
    readSet(in, ModelAccess.completedStages(job));
    readSet(in, ModelAccess.skippedStages(job));
    StringMaps.readCounts(in, job.killedSummary());
    int parentCount = in.count();
    for (int i = 0; i < parentCount; i++) {
      ModelAccess.stageParents(job).put(in.varInt(), in.ints());
    }
    return job;
  }

  static void writeSet(SnapshotOutput out, TreeSet<Integer> set) throws IOException {
    out.count(set.size());
    for (int value : set) {
      out.varInt(value);
    }
  }

  static void readSet(SnapshotInput in, TreeSet<Integer> into) {
    int size = in.count();
    for (int i = 0; i < size; i++) {
      into.add(in.varInt());
    }
  }
}
