package io.pipelens.history.replay;

import java.time.Duration;

/**
 * What one replay read and skipped.
 *
 * @param bytesRead bytes read over all event files
 * @param lines lines seen
 * @param eventsApplied events that changed the model
 * @param eventsSkipped well-formed events of types the replay does not use
 * @param corruptLines complete lines that are not a well-formed event, skipped
 * @param truncatedLines an unfinished last line that does not parse, skipped (normal while the
 *     application runs)
 * @param oversizedLines lines over the line limit, skipped
 * @param duration wall time of the replay
 */
public record ReplayStats(
    long bytesRead,
    long lines,
    long eventsApplied,
    long eventsSkipped,
    long corruptLines,
    long truncatedLines,
    long oversizedLines,
    Duration duration) {}
