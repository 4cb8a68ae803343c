package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ExecutorMetricNames;
import io.pipelens.history.replay.ExecutorRecord;
import io.pipelens.history.replay.ModelAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link ExecutorRecord}: an executor or the driver. */
final class ExecutorCodec {

  private ExecutorCodec() {}

  static void write(SnapshotOutput out, ExecutorRecord executor) throws IOException {
    out.string(executor.executorId());
    out.varLong(executor.addTime());
    out.string(ModelAccess.blockManagerHostPort(executor));
    out.string(ModelAccess.host(executor));
    out.bool(executor.active());
    out.varInt(executor.totalCores());
    out.varInt(executor.maxTasks());
    out.varLong(executor.removeTime());
    out.string(executor.removeReason());
    out.varInt(executor.resourceProfileId());
    StringMaps.write(out, executor.logs());
    StringMaps.write(out, executor.attributes());
    out.count(executor.resources().size());
    for (Map.Entry<String, ExecutorRecord.Resource> entry : executor.resources().entrySet()) {
      out.string(entry.getKey());
      out.string(entry.getValue().name());
      out.count(entry.getValue().addresses().size());
      for (String address : entry.getValue().addresses()) {
        out.string(address);
      }
    }
    out.varLong(executor.maxMemory());
    out.varLong(executor.totalOnHeap());
    out.varLong(executor.totalOffHeap());
    out.varLong(executor.usedOnHeap());
    out.varLong(executor.usedOffHeap());
    out.varLong(executor.memoryUsed());
    out.varLong(executor.diskUsed());
    out.varInt(executor.rddBlocks());
    out.varInt(executor.totalTasks());
    out.varInt(executor.activeTasks());
    out.varInt(executor.completedTasks());
    out.varInt(executor.failedTasks());
    out.varLong(executor.totalDuration());
    out.varLong(executor.totalGcTime());
    out.varLong(executor.totalInputBytes());
    out.varLong(executor.totalShuffleRead());
    out.varLong(executor.totalShuffleWrite());
    out.bool(executor.excluded());
    out.longs(executor.peakMetrics());
    JobCodec.writeSet(out, executor.excludedInStages());
  }

  static ExecutorRecord read(SnapshotInput in) {
    ExecutorRecord executor = ModelAccess.newExecutor(in.string(), in.varLong());
    String hostPort = in.string();
    String host = in.string();
    boolean active = in.bool();
    int totalCores = in.varInt();
    int maxTasks = in.varInt();
    long removeTime = in.varLong();
    String removeReason = in.string();
    int resourceProfileId = in.varInt();
    Map<String, String> logs = StringMaps.read(in);
    Map<String, String> attributes = StringMaps.read(in);
    Map<String, ExecutorRecord.Resource> resources = new TreeMap<>();
    int resourceCount = in.count();
    for (int i = 0; i < resourceCount; i++) {
      String key = in.string();
      String name = in.string();
      int addressCount = in.count();
      List<String> addresses = new ArrayList<>(addressCount);
      for (int a = 0; a < addressCount; a++) {
        addresses.add(in.string());
      }
      resources.put(key, new ExecutorRecord.Resource(name, List.copyOf(addresses)));
    }
    ModelAccess.setExecutorInfo(
        executor,
        hostPort,
        host,
        active,
        totalCores,
        maxTasks,
        removeTime,
        removeReason,
        resourceProfileId,
        logs,
        attributes,
        resources);
    ModelAccess.setExecutorMemory(
        executor, in.varLong(), in.varLong(), in.varLong(), in.varLong(), in.varLong());
    ModelAccess.setExecutorStorage(executor, in.varLong(), in.varLong(), in.varInt());
    ModelAccess.setExecutorTotals(
        executor,
        in.varInt(),
        in.varInt(),
        in.varInt(),
        in.varInt(),
        in.varLong(),
        in.varLong(),
        in.varLong(),
        in.varLong(),
        in.varLong(),
        in.bool(),
        in.longs(ExecutorMetricNames.NAMES.size()));
    JobCodec.readSet(in, executor.excludedInStages());
    return executor;
  }
}
