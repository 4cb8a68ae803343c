package io.pipelens.history.snapshot;

import io.pipelens.history.replay.EnvironmentInfo;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link EnvironmentInfo}: the JVM facts and five property sections, in their order. */
final class EnvironmentCodec {

  private EnvironmentCodec() {}

  static void write(SnapshotOutput out, EnvironmentInfo env) throws IOException {
    out.string(env.javaVersion());
    out.string(env.javaHome());
    out.string(env.scalaVersion());
    pairs(out, env.sparkProperties());
    pairs(out, env.hadoopProperties());
    pairs(out, env.systemProperties());
    pairs(out, env.metricsProperties());
    pairs(out, env.classpathEntries());
  }

  static EnvironmentInfo read(SnapshotInput in) {
    return new EnvironmentInfo(
        in.string(), in.string(), in.string(), pairs(in), pairs(in), pairs(in), pairs(in),
        pairs(in));
  }

  private static void pairs(SnapshotOutput out, List<Map.Entry<String, String>> pairs)
      throws IOException {
    out.count(pairs.size());
    for (Map.Entry<String, String> pair : pairs) {
      out.string(pair.getKey());
      out.string(pair.getValue());
    }
  }

  private static List<Map.Entry<String, String>> pairs(SnapshotInput in) {
    int size = in.count();
    List<Map.Entry<String, String>> pairs = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      pairs.add(new AbstractMap.SimpleImmutableEntry<>(in.string(), in.string()));
    }
    return List.copyOf(pairs);
  }
}
