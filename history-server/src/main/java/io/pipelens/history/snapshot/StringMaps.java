package io.pipelens.history.snapshot;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** String-to-string maps (log links, attributes, properties), sorted by key as the replay keeps them. */
final class StringMaps {

  private StringMaps() {}

  static void write(SnapshotOutput out, Map<String, String> map) throws IOException {
    out.count(map.size());
    for (Map.Entry<String, String> entry : map.entrySet()) {
      out.string(entry.getKey());
      out.string(entry.getValue());
    }
  }

  static Map<String, String> read(SnapshotInput in) {
    int size = in.count();
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      map.put(in.string(), in.string());
    }
    return map;
  }

  static void writeCounts(SnapshotOutput out, Map<String, Integer> counts) throws IOException {
    out.count(counts.size());
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      out.string(entry.getKey());
      out.varInt(entry.getValue());
    }
  }

  static void readCounts(SnapshotInput in, Map<String, Integer> into) {
    int size = in.count();
    for (int i = 0; i < size; i++) {
      into.put(in.string(), in.varInt());
    }
  }
}
