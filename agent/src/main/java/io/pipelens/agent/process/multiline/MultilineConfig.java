package io.pipelens.agent.process.multiline;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an input joins lines into records ({@code inputs[n].multiline}). Without a pattern each line
 * is one record; the size limits apply either way.
 *
 * <p>Patterns are Java regular expressions matched at the start of the line (as if they began with
 * {@code ^}; write {@code .*foo} to match anywhere) against the line's bytes read as ISO-8859-1, so
 * ASCII text, character classes and {@code .} behave as usual but a non-ASCII literal in a pattern
 * never matches.
 *
 * <ul>
 *   <li>only {@code start_pattern}: a matching line starts a record, any other line continues the
 *       current one;
 *   <li>only {@code continuation_pattern}: a matching line continues the current record, any other
 *       line starts one;
 *   <li>both: a line continues the current record only when it matches {@code
 *       continuation_pattern} and not {@code start_pattern}, so stray lines in a mixed file stay
 *       records of their own.
 * </ul>
 *
 * @param startPattern a line that matches starts a new record; none by default
 * @param continuationPattern a line that matches continues the previous record; none by default
 * @param pythonTracebacks also keep a Python traceback in one record: the {@code Traceback (most
 *     recent call last):} line, its frames, the final {@code ValueError: ...} line and chained
 *     tracebacks ({@code During handling of the above exception ...}); false by default
 * @param maxLines a record that reaches this many lines is emitted as it is, marked {@code
 *     log.truncated}, and the following lines start a new record; 500 by default
 * @param maxRecordSize the most bytes one record holds; a longer record is cut at a line boundary the
 *     same way (a single longer line is cut inside), so no more than this is ever buffered; 1MiB by
 *     default
 */
public record MultilineConfig(
    String startPattern,
    String continuationPattern,
    Boolean pythonTracebacks,
    Integer maxLines,
    DataSize maxRecordSize) {

  /** Default of {@code max_lines}. */
  public static final int DEFAULT_MAX_LINES = 500;

  /** Default of {@code max_record_size}. */
  public static final DataSize DEFAULT_MAX_RECORD_SIZE = DataSize.ofMebibytes(1);

  /** Largest accepted {@code max_record_size}: the buffer is a Java array. */
  public static final DataSize MAX_MAX_RECORD_SIZE = DataSize.ofMebibytes(64);

  public MultilineConfig {
    pythonTracebacks = pythonTracebacks != null ? pythonTracebacks : false;
    maxLines = maxLines != null ? maxLines : DEFAULT_MAX_LINES;
    maxRecordSize = maxRecordSize != null ? maxRecordSize : DEFAULT_MAX_RECORD_SIZE;
    compile("start_pattern", startPattern);
    compile("continuation_pattern", continuationPattern);
    Checks.inRange("max_lines", maxLines, 1, 1_000_000);
    Checks.require(
        maxRecordSize.bytes() >= 64 && maxRecordSize.bytes() <= MAX_MAX_RECORD_SIZE.bytes(),
        "max_record_size",
        maxRecordSize,
        "must be between 64B and " + MAX_MAX_RECORD_SIZE);
  }

  /** One line, one record, with the default limits. */
  public static MultilineConfig defaults() {
    return new MultilineConfig(null, null, null, null, null);
  }

  /** Whether any pattern or the traceback rule joins lines. */
  public boolean joinsLines() {
    return startPattern != null || continuationPattern != null || pythonTracebacks;
  }

  /** The same rules for joining lines with {@code other}'s limits. */
  public MultilineConfig withLimitsOf(MultilineConfig other) {
    return new MultilineConfig(
        startPattern, continuationPattern, pythonTracebacks, other.maxLines, other.maxRecordSize);
  }

  /** {@code start_pattern} compiled, or null. */
  public Pattern startRegex() {
    return startPattern == null ? null : Pattern.compile(startPattern);
  }

  /** {@code continuation_pattern} compiled, or null. */
  public Pattern continuationRegex() {
    return continuationPattern == null ? null : Pattern.compile(continuationPattern);
  }

  private static void compile(String key, String regex) {
    if (regex == null) {
      return;
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      Checks.require(false, key, regex, "not a valid regular expression: " + e.getDescription());
    }
  }
}
