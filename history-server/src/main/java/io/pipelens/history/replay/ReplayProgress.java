package io.pipelens.history.replay;

import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.StoreEntry;
import java.util.List;

/**
 * Where a replay of a log still being written stopped, so that {@link EventLogReplayer#resume} can
 * apply only what was appended since: the replayer's state, the files as they were read, and the
 * offset (over those files, as one sequence) after the last line applied.
 *
 * <p>Not thread-safe: owned by whoever caches the replay, which serialises resumes.
 */
public final class ReplayProgress {

  final StatusListener listener;
  final TaskEvent task;
  long offset;
  private List<StoreEntry> files = List.of();
  private boolean resumable;

  ReplayProgress(StatusListener listener, TaskEvent task) {
    this.listener = listener;
    this.task = task;
  }

  /** The offset after the last line applied, over the files read as one sequence. */
  public long offset() {
    return offset;
  }

  /** Whether a later, longer version of the log can be continued from here. */
  boolean resumable() {
    return resumable;
  }

  void advance(EventLog log, long position, boolean canResume) {
    this.files = log.files();
    this.offset = position;
    this.resumable = canResume;
  }

  /**
   * Whether {@code log} is the log read so far, grown: every file read before is there with the
   * same name, all but the last with the same size, the last no shorter; files may follow.
   */
  boolean continuedBy(EventLog log) {
    List<StoreEntry> now = log.files();
    if (now.size() < files.size() || files.isEmpty()) {
      return false;
    }
    for (int i = 0; i < files.size(); i++) {
      StoreEntry before = files.get(i);
      StoreEntry after = now.get(i);
      if (!before.name().equals(after.name())) {
        return false;
      }
      boolean lastRead = i == files.size() - 1;
      if (lastRead ? after.size() < before.size() : after.size() != before.size()) {
        return false;
      }
    }
    return true;
  }
}
