package io.pipelens.history.snapshot;

import io.pipelens.history.replay.AppState;
import io.pipelens.history.replay.ExecutorMetricNames;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.SqlExecution;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.replay.TaskMetric;
import io.pipelens.history.replay.TaskRecord;
import io.pipelens.history.source.EventLog;
import io.pipelens.history.source.StoreEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The layout of one snapshot file:
 *
 * <pre>
 * magic "PLSN" | format version (int) | model signature (long)
 * identity: log key, in progress, then each event file's path, size, modification time, ETag
 * the {@link AppState} ({@link AppStateCodec})
 * CRC-32C of every byte before it (int)
 * </pre>
 *
 * <p>{@link #VERSION} changes with any change of the layout; the model signature is derived from
 * the metric and status names the arrays and ordinals are indexed by, so a model that gains a task
 * metric cannot read an older file's arrays wrongly. Either mismatch rejects the file as of
 * another version; a file of a log whose files changed since is rejected as changed.
 */
public final class SnapshotFormat {

  /** The layout version; bump it with every change of what a codec writes. */
  public static final int VERSION = 2;

  static final int MAGIC = 0x504C534E;

  private static final int HEADER_BYTES = 4 + 4 + 8;
  private static final int CHECKSUM_BYTES = 4;

  /** Why a snapshot file was not used. */
  public enum Rejection {
    /** Damaged: truncated, bad checksum, or does not decode. */
    CORRUPT,
    /** Written by another format version or model. */
    VERSION,
    /** The log's files changed since the snapshot was written. */
    CHANGED
  }

  /** A snapshot file that cannot stand in for a replay of the log. */
  public static final class RejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Rejection reason;

    public RejectedException(Rejection reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public Rejection reason() {
      return reason;
    }
  }

  private SnapshotFormat() {}

  /** Writes {@code state}, replayed from {@code log}, and the checksum. */
  public static void write(OutputStream stream, EventLog log, AppState state) throws IOException {
    SnapshotOutput out = new SnapshotOutput(stream);
    out.fixedInt(MAGIC);
    out.fixedInt(VERSION);
    out.fixedLong(modelSignature());
    writeIdentity(out, log);
    AppStateCodec.write(out, state);
    out.finish();
  }

  /**
   * Reads the state a snapshot holds, if it is a snapshot of {@code log} as it is now.
   *
   * @throws RejectedException when it is not: damaged, of another version, or of an older log
   */
  public static AppState read(byte[] bytes, EventLog log) throws RejectedException {
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
      throw new RejectedException(Rejection.CORRUPT, "only " + bytes.length + " bytes");
    }
    SnapshotInput header = new SnapshotInput(bytes, 0, HEADER_BYTES);
    if (header.fixedInt() != MAGIC) {
      throw new RejectedException(Rejection.CORRUPT, "not a snapshot file");
    }
    int version = header.fixedInt();
    long signature = header.fixedLong();
    if (version != VERSION || signature != modelSignature()) {
      throw new RejectedException(
          Rejection.VERSION, "format " + version + "/" + Long.toHexString(signature));
    }
    int end = bytes.length - CHECKSUM_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, end);
    SnapshotInput trailer = new SnapshotInput(bytes, end, bytes.length);
    if ((int) crc.getValue() != trailer.fixedInt()) {
      throw new RejectedException(Rejection.CORRUPT, "checksum mismatch");
    }
    try {
      SnapshotInput in = new SnapshotInput(bytes, HEADER_BYTES, end);
      String identity = readIdentity(in);
      String expected = identity(log);
      if (!identity.equals(expected)) {
        throw new RejectedException(Rejection.CHANGED, "log changed");
      }
      AppState state = AppStateCodec.read(in);
      if (!in.atEnd()) {
        throw new CorruptSnapshotException("bytes after the model");
      }
      return state;
    } catch (RuntimeException e) {
      // A bug or damage the checksum missed: the file is unusable, the server goes on.
      throw new RejectedException(Rejection.CORRUPT, e.getMessage());
    }
  }

  /**
   * The log's identity: key, completion, and every file's path, size, modification time and ETag.
   * Stricter than the listing's fingerprint on purpose: a stale model must never be served.
   */
  static String identity(EventLog log) {
    StringBuilder text = new StringBuilder();
    text.append(log.key()).append('\n').append(log.layout()).append('\n').append(log.inProgress());
    for (StoreEntry file : log.files()) {
      text.append('\n')
          .append(file.path())
          .append('\t')
          .append(file.size())
          .append('\t')
          .append(file.modifiedMillis())
          .append('\t')
          .append(file.etag());
    }
    return text.toString();
  }

  private static void writeIdentity(SnapshotOutput out, EventLog log) throws IOException {
    out.string(identity(log));
  }

  private static String readIdentity(SnapshotInput in) {
    String identity = in.string();
    if (identity == null) {
      throw new CorruptSnapshotException("no identity");
    }
    return identity;
  }

  /** A hash of the names the model's arrays and ordinals are indexed by. */
  static long modelSignature() {
    List<String> names = new ArrayList<>();
    for (TaskMetric metric : TaskMetric.values()) {
      names.add(metric.name());
    }
    names.addAll(ExecutorMetricNames.NAMES);
    for (Enum<?>[] constants :
        List.<Enum<?>[]>of(
            TaskRecord.Status.values(),
            StageAttempt.Status.values(),
            JobRecord.Status.values(),
            SqlExecution.JobStatus.values())) {
      for (Enum<?> constant : constants) {
        names.add(constant.name());
      }
    }
    long hash = 0xcbf29ce484222325L;
    for (String name : names) {
      for (int i = 0; i < name.length(); i++) {
        hash = (hash ^ name.charAt(i)) * 0x100000001b3L;
      }
      hash = (hash ^ '|') * 0x100000001b3L;
    }
    return hash;
  }
}
