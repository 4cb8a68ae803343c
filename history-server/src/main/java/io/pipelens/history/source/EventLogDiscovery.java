package io.pipelens.history.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the entries of an {@link EventLogStore}'s root into {@link EventLog}s, following Spark's
 * naming rules, and counts every entry it passes over by {@link SkipReason}.
 *
 * <p>One LIST of the root, plus one LIST per {@code eventlog_v2_*} directory. Uncompressed logs and
 * logs compressed with one of Spark's codecs ({@link EventLogCodec}, from the name's extension) are
 * accepted; any other extension is counted as {@link SkipReason#UNKNOWN_EXTENSION}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventLogDiscovery {

  private static final Logger LOG = LoggerFactory.getLogger(EventLogDiscovery.class);

  /** Orders rolling event files by index, a compacted file after the plain file of its index. */
  private static final Comparator<IndexedFile> READ_ORDER =
      Comparator.comparingLong(IndexedFile::index)
          .thenComparing(f -> EventLogNames.isCompacted(f.entry().name()));

  /**
   * Lists the store root and classifies every entry.
   *
   * @throws IOException if the root cannot be listed (a failure inside one rolling directory only
   *     skips that log)
   */
  public DiscoveryResult discover(EventLogStore store) throws IOException {
    List<EventLog> logs = new ArrayList<>();
    Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    for (StoreEntry entry : store.list("")) {
      Optional<SkipReason> reason =
          entry.directory() ? directory(store, entry, logs) : file(store, entry, logs);
      if (reason.isPresent()) {
        skipped.merge(reason.get(), 1, Integer::sum);
        LOG.debug("Skipping {}{}: {}", store.location(), entry.path(), reason.get().tag());
      }
    }
    return new DiscoveryResult(logs, skipped);
  }

  /**
   * The logs of {@code appId} in the store root, without listing the rest: the single files named
   * {@code <appId>[_<attemptId>][.<codec>][.inprogress]} and the rolling directories {@code
   * eventlog_v2_<appId>[_<attemptId>]}. A name that only starts like the id (another application's)
   * is left out; what a log really holds is the reader's business.
   *
   * @throws IOException if the root cannot be listed
   */
  public List<EventLog> discover(EventLogStore store, String appId) throws IOException {
    List<EventLog> logs = new ArrayList<>();
    for (StoreEntry entry : store.list("", appId)) {
      if (!entry.directory() && namesApplication(entry.name(), appId)) {
        file(store, entry, logs);
      }
    }
    String rolling = EventLogNames.ROLLING_DIR_PREFIX + appId;
    for (StoreEntry entry : store.list("", rolling)) {
      if (entry.directory() && namesApplication(entry.name(), rolling)) {
        directory(store, entry, logs);
      }
    }
    return logs;
  }

  // After the id: nothing, an attempt id, a codec or .inprogress.
  private static boolean namesApplication(String name, String prefix) {
    if (name.length() == prefix.length()) {
      return true;
    }
    char next = name.charAt(prefix.length());
    return next == '_' || next == '.';
  }

  private static Optional<SkipReason> file(
      EventLogStore store, StoreEntry entry, List<EventLog> logs) {
    String name = entry.name();
    if (name.startsWith(".")) {
      return Optional.of(SkipReason.HIDDEN);
    }
    if (EventLogCodec.ofFileName(name).isEmpty()) {
      return Optional.of(SkipReason.UNKNOWN_EXTENSION);
    }
    if (entry.size() == 0) {
      return Optional.of(SkipReason.EMPTY);
    }
    logs.add(
        new EventLog(
            store.location(),
            entry.path(),
            LogLayout.SINGLE_FILE,
            EventLogNames.isInProgress(name),
            List.of(entry)));
    return Optional.empty();
  }

  private static Optional<SkipReason> directory(
      EventLogStore store, StoreEntry dir, List<EventLog> logs) {
    if (dir.name().startsWith(".")) {
      return Optional.of(SkipReason.HIDDEN);
    }
    if (!EventLogNames.isRollingDirectory(dir.name())) {
      return Optional.of(SkipReason.UNSUPPORTED_DIRECTORY);
    }
    List<StoreEntry> children;
    try {
      children = store.list(dir.path());
    } catch (IOException e) {
      LOG.warn(
          "Cannot list rolling event log {}{}: {}", store.location(), dir.path(), e.toString());
      return Optional.of(SkipReason.UNREADABLE);
    }

    List<IndexedFile> events = new ArrayList<>();
    boolean sawAppStatus = false;
    boolean completed = false;
    for (StoreEntry child : children) {
      String name = child.name();
      if (child.directory() || name.startsWith(".")) {
        continue;
      }
      if (EventLogNames.isAppStatusFile(name)) {
        sawAppStatus = true;
        // The writer renames the marker when the application ends; during that rename a store
        // may briefly show both names, and the finished one wins.
        completed |= !EventLogNames.isInProgress(name);
      } else if (EventLogNames.isEventsFile(name)) {
        if (EventLogCodec.ofFileName(name).isEmpty()) {
          return Optional.of(SkipReason.UNKNOWN_EXTENSION);
        }
        OptionalLong index = EventLogNames.eventsFileIndex(name);
        if (index.isPresent()) {
          events.add(new IndexedFile(index.getAsLong(), child));
        }
      }
    }
    if (events.isEmpty()) {
      return Optional.of(SkipReason.ROLLING_WITHOUT_EVENT_FILES);
    }
    if (!sawAppStatus) {
      return Optional.of(SkipReason.ROLLING_WITHOUT_APPSTATUS);
    }

    events.sort(READ_ORDER);
    int lastCompacted = -1;
    for (int i = 0; i < events.size(); i++) {
      if (EventLogNames.isCompacted(events.get(i).entry().name())) {
        lastCompacted = i;
      }
    }
    // A compacted file replaces everything before it (Spark's compactor deletes those best-effort).
    List<IndexedFile> toRead = events.subList(Math.max(lastCompacted, 0), events.size());
    for (int i = 1; i < toRead.size(); i++) {
      if (toRead.get(i).index() != toRead.get(i - 1).index() + 1) {
        return Optional.of(SkipReason.ROLLING_MISSING_INDEX);
      }
    }
    List<StoreEntry> files = toRead.stream().map(IndexedFile::entry).toList();
    if (files.stream().allMatch(f -> f.size() == 0)) {
      return Optional.of(SkipReason.EMPTY);
    }
    logs.add(new EventLog(store.location(), dir.path(), LogLayout.ROLLING, !completed, files));
    return Optional.empty();
  }

  private record IndexedFile(long index, StoreEntry entry) {}
}
