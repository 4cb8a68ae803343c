package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ModelAccess;
import io.pipelens.history.replay.RddRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@link RddRecord}: an RDD with a storage level, and what block updates said of its blocks. */
final class RddCodec {

  private RddCodec() {}

  static void write(SnapshotOutput out, RddRecord rdd) throws IOException {
    out.varInt(rdd.id());
    out.string(rdd.name());
    out.varInt(rdd.numPartitions());
    out.string(rdd.storageLevel());
    out.bool(ModelAccess.offHeap(rdd));
    out.bool(ModelAccess.deserialized(rdd));
    out.varLong(rdd.memoryUsed());
    out.varLong(rdd.diskUsed());
    out.count(rdd.partitions().size());
    for (RddRecord.Partition partition : rdd.partitions()) {
      out.string(partition.blockName());
      out.count(partition.executors().size());
      for (String executor : partition.executors()) {
        out.string(executor);
      }
      out.varLong(partition.memoryUsed());
      out.varLong(partition.diskUsed());
    }
    out.count(rdd.distributions().size());
    for (RddRecord.Distribution distribution : rdd.distributions()) {
      out.string(ModelAccess.executorId(distribution));
      out.varLong(distribution.memoryUsed());
      out.varLong(distribution.diskUsed());
      out.varLong(distribution.onHeapMemoryUsed());
      out.varLong(distribution.offHeapMemoryUsed());
      out.string(distribution.address());
      out.varLong(distribution.memoryRemaining());
      out.bool(distribution.hasMemoryInfo());
      out.varLong(distribution.onHeapMemoryRemaining());
      out.varLong(distribution.offHeapMemoryRemaining());
    }
  }

  static RddRecord read(SnapshotInput in) {
    RddRecord rdd =
        ModelAccess.newRdd(in.varInt(), in.string(), in.varInt(), in.string(), in.bool(), in.bool());
    ModelAccess.setRddUsage(rdd, in.varLong(), in.varLong());
    int partitions = in.count();
    for (int i = 0; i < partitions; i++) {
      String blockName = in.string();
      int executorCount = in.count();
      List<String> executors = new ArrayList<>(executorCount);
      for (int e = 0; e < executorCount; e++) {
        executors.add(in.string());
      }
      ModelAccess.addRddPartition(rdd, blockName, List.copyOf(executors), in.varLong(), in.varLong());
    }
    int distributions = in.count();
    for (int i = 0; i < distributions; i++) {
      ModelAccess.addRddDistribution(
          rdd,
          in.string(),
          in.varLong(),
          in.varLong(),
          in.varLong(),
          in.varLong(),
          in.string(),
          in.varLong(),
          in.bool(),
          in.varLong(),
          in.varLong());
    }
    return rdd;
  }
}
