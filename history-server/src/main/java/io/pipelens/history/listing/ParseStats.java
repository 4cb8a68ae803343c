package io.pipelens.history.listing;

/**
 * Lines the listing could not use, by kind. Each is skipped; none stops a log from being listed.
 *
 * @param corruptLines complete lines that are not a well-formed event
 * @param truncatedLines a last line without {@code \n} that does not parse, in a log that claims to
 *     be complete (in a log still being written that is normal and not counted)
 * @param oversizedLines lines over {@link ListingOptions#maxLineBytes()} that could be one of the
 *     events the listing needs
 */
public record ParseStats(long corruptLines, long truncatedLines, long oversizedLines) {

  /** No errors. */
  public static final ParseStats NONE = new ParseStats(0, 0, 0);

  /** The sum of both. */
  public ParseStats plus(ParseStats other) {
    return new ParseStats(
        corruptLines + other.corruptLines,
        truncatedLines + other.truncatedLines,
        oversizedLines + other.oversizedLines);
  }

  /** All skipped lines. */
  public long total() {
    return corruptLines + truncatedLines + oversizedLines;
  }
}
