package io.pipelens.history.snapshot;

import io.pipelens.history.replay.ResourceProfileInfo;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** {@link ResourceProfileInfo}. */
final class ResourceProfileCodec {

  private ResourceProfileCodec() {}

  static void write(SnapshotOutput out, ResourceProfileInfo profile) throws IOException {
    out.varInt(profile.id());
    out.count(profile.executorResources().size());
    for (Map.Entry<String, ResourceProfileInfo.ExecutorResourceRequest> e :
        profile.executorResources().entrySet()) {
      out.string(e.getKey());
      out.string(e.getValue().resourceName());
      out.varLong(e.getValue().amount());
      out.string(e.getValue().discoveryScript());
      out.string(e.getValue().vendor());
    }
    out.count(profile.taskResources().size());
    for (Map.Entry<String, ResourceProfileInfo.TaskResourceRequest> e :
        profile.taskResources().entrySet()) {
      out.string(e.getKey());
      out.string(e.getValue().resourceName());
      out.doubleValue(e.getValue().amount());
    }
  }

  static ResourceProfileInfo read(SnapshotInput in) {
    int id = in.varInt();
    Map<String, ResourceProfileInfo.ExecutorResourceRequest> executor = new TreeMap<>();
    int executorCount = in.count();
    for (int i = 0; i < executorCount; i++) {
      executor.put(
          in.string(),
          new ResourceProfileInfo.ExecutorResourceRequest(
              in.string(), in.varLong(), in.string(), in.string()));
    }
    Map<String, ResourceProfileInfo.TaskResourceRequest> task = new TreeMap<>();
    int taskCount = in.count();
    for (int i = 0; i < taskCount; i++) {
      task.put(
          in.string(), new ResourceProfileInfo.TaskResourceRequest(in.string(), in.doubleValue()));
    }
    return new ResourceProfileInfo(id, executor, task);
  }
}
