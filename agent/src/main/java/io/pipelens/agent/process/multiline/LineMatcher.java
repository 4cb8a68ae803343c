package io.pipelens.agent.process.multiline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tests whether a line starts with a pattern, on the line's bytes. Holds a {@link Matcher} that it
 * resets for every line, so a test allocates nothing; one instance per file, not thread-safe.
 */
final class LineMatcher {

  private final Latin1View view = new Latin1View();
  private final Matcher matcher;

  LineMatcher(Pattern pattern) {
    this.matcher = pattern.matcher("");
  }

  /** Whether {@code line[0..length)} matches the pattern from its first byte. */
  boolean matches(byte[] line, int length) {
    return matcher.reset(view.wrap(line, length)).lookingAt();
  }
}
