package io.pipelens.history.snapshot;

/** A snapshot file that does not decode: truncated, damaged, or not written by this format. */
final class CorruptSnapshotException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CorruptSnapshotException(String message) {
    super(message, null, false, false);
  }
}
