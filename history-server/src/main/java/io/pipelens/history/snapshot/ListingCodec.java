package io.pipelens.history.snapshot;

import io.pipelens.history.listing.AttemptHealth;
import io.pipelens.history.listing.AttemptLabels;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.listing.RememberedAttempt;
import io.pipelens.history.source.LogFingerprint;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The listing kept across restarts: magic "PLSL", {@link #VERSION}, the count, then each log's
 * key, {@link LogFingerprint} and {@link AttemptSummary}, and a CRC-32C of all of it.
 */
final class ListingCodec {

  /** The layout version; bump it with every change of what is written. */
  static final int VERSION = 1;

  private static final int MAGIC = 0x504C534C;
  private static final int HEADER_BYTES = 8;
  private static final int CHECKSUM_BYTES = 4;

  private ListingCodec() {}

  static void write(OutputStream stream, List<RememberedAttempt> attempts) throws IOException {
    SnapshotOutput out = new SnapshotOutput(stream);
    out.fixedInt(MAGIC);
    out.fixedInt(VERSION);
    out.count(attempts.size());
    for (RememberedAttempt attempt : attempts) {
      out.string(attempt.logKey());
      writeFingerprint(out, attempt.fingerprint());
      writeAttempt(out, attempt.attempt());
    }
    out.finish();
  }

  /**
   * @throws SnapshotFormat.RejectedException when the file is damaged or of another version
   */
  static List<RememberedAttempt> read(byte[] bytes) throws SnapshotFormat.RejectedException {
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
      throw new SnapshotFormat.RejectedException(
          SnapshotFormat.Rejection.CORRUPT, "only " + bytes.length + " bytes");
    }
    SnapshotInput header = new SnapshotInput(bytes, 0, HEADER_BYTES);
    if (header.fixedInt() != MAGIC) {
      throw new SnapshotFormat.RejectedException(SnapshotFormat.Rejection.CORRUPT, "not a listing");
    }
    int version = header.fixedInt();
    if (version != VERSION) {
      throw new SnapshotFormat.RejectedException(
          SnapshotFormat.Rejection.VERSION, "listing format " + version);
    }
    int end = bytes.length - CHECKSUM_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, end);
    if ((int) crc.getValue() != new SnapshotInput(bytes, end, bytes.length).fixedInt()) {
      throw new SnapshotFormat.RejectedException(
          SnapshotFormat.Rejection.CORRUPT, "checksum mismatch");
    }
    try {
      SnapshotInput in = new SnapshotInput(bytes, HEADER_BYTES, end);
      int count = in.count();
      List<RememberedAttempt> attempts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        attempts.add(new RememberedAttempt(in.string(), readFingerprint(in), readAttempt(in)));
      }
      if (!in.atEnd()) {
        throw new CorruptSnapshotException("bytes after the listing");
      }
      return attempts;
    } catch (RuntimeException e) {
      throw new SnapshotFormat.RejectedException(SnapshotFormat.Rejection.CORRUPT, e.getMessage());
    }
  }

  private static void writeFingerprint(SnapshotOutput out, LogFingerprint fingerprint)
      throws IOException {
    out.bool(fingerprint.inProgress());
    out.string(fingerprint.firstFile());
    out.string(fingerprint.lastFile());
    out.varLong(fingerprint.totalSize());
    out.varLong(fingerprint.lastModified());
    out.string(fingerprint.lastEtag());
  }

  private static LogFingerprint readFingerprint(SnapshotInput in) {
    return new LogFingerprint(
        in.bool(), in.string(), in.string(), in.varLong(), in.varLong(), in.string());
  }

  private static void writeAttempt(SnapshotOutput out, AttemptSummary attempt) throws IOException {
    out.string(attempt.appId());
    out.string(attempt.appName());
    out.string(attempt.attemptId());
    out.varLong(attempt.startTime());
    out.varLong(attempt.endTime());
    out.varLong(attempt.lastUpdated());
    out.varLong(attempt.duration());
    out.string(attempt.sparkUser());
    out.bool(attempt.completed());
    out.string(attempt.appSparkVersion());
    out.string(attempt.logKey());
    out.string(attempt.labels().team());
    out.string(attempt.labels().priority());
    out.string(attempt.labels().namespace());
    out.varLong(attempt.health().failedTasks());
    out.varLong(attempt.health().failedJobs());
    out.bool(attempt.health().exitCode() != null);
    if (attempt.health().exitCode() != null) {
      out.varInt(attempt.health().exitCode());
    }
  }

  private static AttemptSummary readAttempt(SnapshotInput in) {
    String appId = in.string();
    String appName = in.string();
    String attemptId = in.string();
    long startTime = in.varLong();
    long endTime = in.varLong();
    long lastUpdated = in.varLong();
    long duration = in.varLong();
    String sparkUser = in.string();
    boolean completed = in.bool();
    String sparkVersion = in.string();
    String logKey = in.string();
    AttemptLabels labels = new AttemptLabels(in.string(), in.string(), in.string());
    long failedTasks = in.varLong();
    long failedJobs = in.varLong();
    Integer exitCode = in.bool() ? in.varInt() : null;
    if (appId == null || sparkVersion == null || logKey == null) {
      throw new CorruptSnapshotException("attempt without id, version or log");
    }
    return new AttemptSummary(
        appId,
        appName,
        attemptId,
        startTime,
        endTime,
        lastUpdated,
        duration,
        sparkUser,
        completed,
        sparkVersion,
        logKey,
        labels,
        new AttemptHealth(failedTasks, failedJobs, exitCode));
  }
}
