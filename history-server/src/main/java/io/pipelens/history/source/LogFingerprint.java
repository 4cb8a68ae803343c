package io.pipelens.history.source;

/**
 * What must stay equal for a log not to be read again: a rescan re-reads a log only when its
 * fingerprint differs from the one recorded when it was last read.
 *
 * <p>Size catches growth even on file systems whose modification time lags (Spark relies on size
 * for that reason); modification time catches same-size rewrites; the first and last file names
 * catch rolling and compaction of {@code eventlog_v2_*} logs; {@code inProgress} catches the rename
 * that completes a log.
 *
 * @param inProgress whether the log is still being written
 * @param firstFile name of the first event file read
 * @param lastFile name of the last event file read
 * @param totalSize bytes over all event files read
 * @param lastModified latest modification time over those files, epoch milliseconds
 * @param lastEtag the object store's entity tag of the last file, which catches a same-size
 *     rewrite within one modification-time second; {@code ""} on file systems
 */
public record LogFingerprint(
    boolean inProgress,
    String firstFile,
    String lastFile,
    long totalSize,
    long lastModified,
    String lastEtag) {

  /** A fingerprint without an entity tag. */
  public LogFingerprint(
      boolean inProgress, String firstFile, String lastFile, long totalSize, long lastModified) {
    this(inProgress, firstFile, lastFile, totalSize, lastModified, "");
  }
}
