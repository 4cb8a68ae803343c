package io.pipelens.agent.source;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Wakes discovery up when a file appears in a directory it already knows, so a new file is read
 * within milliseconds instead of at the next rescan (inotify on Linux). Only creations are
 * watched: modifications would flood it on busy files, and the reader polls open files anyway.
 *
 * <p>At most {@value #MAX_WATCHED} directories are watched (inotify watches are a per-user kernel
 * limit shared with other processes); beyond that, the periodic rescan alone finds new files.
 */
final class DirectoryWatcher implements AutoCloseable {

  static final int MAX_WATCHED = 4096;

  private final WatchService service;
  private final Map<Path, WatchKey> keys = new HashMap<>();

  DirectoryWatcher() throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
  }

  /** Watches exactly {@code directories} (up to the limit), dropping directories no longer seen. */
  void watch(Set<Path> directories) {
    for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, WatchKey> entry = it.next();
      if (!directories.contains(entry.getKey()) || !entry.getValue().isValid()) {
        entry.getValue().cancel();
        it.remove();
      }
    }
    for (Path directory : directories) {
      if (keys.size() >= MAX_WATCHED) {
        return;
      }
      if (!keys.containsKey(directory)) {
        try {
          keys.put(
              directory,
              directory.register(
                  service,
                  StandardWatchEventKinds.ENTRY_CREATE,
                  StandardWatchEventKinds.OVERFLOW));
        } catch (IOException | ClosedWatchServiceException e) {
          // Gone or unwatchable: the rescan still covers it.
        }
      }
    }
  }

  /**
   * Waits up to {@code timeoutNanos} for a creation in a watched directory.
   *
   * @return whether something happened (events are drained; discovery rescans anyway)
   */
  boolean await(long timeoutNanos) throws InterruptedException {
    if (timeoutNanos <= 0) {
      return false;
    }
    WatchKey key = service.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (key == null) {
      return false;
    }
    while (key != null) {
      key.pollEvents();
      key.reset();
      key = service.poll();
    }
    return true;
  }

  int watched() {
    return keys.size();
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
