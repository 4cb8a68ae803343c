package io.pipelens.collector.sink.archive;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where archived files go: keys are paths relative to the archive root ({@code
 * eventlog_v2_app-1/events_1_app-1.zstd}). Every method returns only once the change is durable.
 */
interface ArchiveStore extends AutoCloseable {

  /** Stores {@code content} under {@code key}, replacing it, with {@code metadata}; durable on return. */
  void put(String key, byte[] content, Map<String, String> metadata) throws IOException;

  /** The metadata stored with {@code key}, or null when there is no such file. */
  Map<String, String> metadata(String key) throws IOException;

  /** The names (last path segment) of the files directly in {@code directory}. */
  List<String> list(String directory) throws IOException;

  /** Deletes {@code key}; nothing when it does not exist. */
  void delete(String key) throws IOException;

  /** Where the archive is, for logs. */
  String describe();

  @Override
  void close();
}
