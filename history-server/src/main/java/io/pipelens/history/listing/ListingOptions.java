package io.pipelens.history.listing;

/**
 * Tuning of {@link AttemptReader}.
 *
 * @param tailChunkBytes how much of a completed log's end is read first to find {@code
 *     SparkListenerApplicationEnd}; the window grows fourfold until found or the head is reached.
 *     Spark's equivalent is {@code spark.history.fs.endEventReparseChunkSize} (1 MiB).
 * @param maxLineBytes the longest line buffered whole; longer lines are judged by their first 4 KiB
 *     (the listing's events are a few hundred bytes; the long ones are environment and task events,
 *     which are skipped by name)
 */
public record ListingOptions(int tailChunkBytes, int maxLineBytes) {

  /** 1 MiB tail window, 1 MiB line limit. */
  public static final ListingOptions DEFAULTS = new ListingOptions(1 << 20, 1 << 20);

  /** Rejects non-positive sizes. */
  public ListingOptions {
    if (tailChunkBytes < 1 || maxLineBytes < 1) {
      throw new IllegalArgumentException(
          "sizes must be positive: tailChunkBytes="
              + tailChunkBytes
              + ", maxLineBytes="
              + maxLineBytes);
    }
  }
}
