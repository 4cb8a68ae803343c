package io.pipelens.agent.source;

import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An absolute path glob: {@code *} and {@code ?} within one segment, {@code **} across segments
 * ({@code /a/**}{@code /b} also matches {@code /a/b}), {@code [...]} classes ({@code [!...]}
 * negated), {@code {x,y}} alternatives and {@code \} escapes.
 *
 * <p>Written here rather than with {@code FileSystem.getPathMatcher("glob:")} because the JDK's
 * {@code /a/**}{@code /b} requires at least one directory in between, which surprises everyone who
 * knows shell or Vector globs. Also knows where a walk has to start ({@link #base()}) and how deep it
 * has to go ({@link #maxDepth()}).
 */
final class Glob {

  private final String text;
  private final Pattern pattern;
  private final Path base;
  private final int maxDepth;

  private Glob(String text, Pattern pattern, Path base, int maxDepth) {
    this.text = text;
    this.pattern = pattern;
    this.base = base;
    this.maxDepth = maxDepth;
  }

  /**
   * Compiles an absolute glob.
   *
   * @throws IllegalArgumentException naming the problem, when the glob is malformed
   */
  static Glob compile(String glob) {
    if (!glob.startsWith("/")) {
      throw new IllegalArgumentException("must be absolute");
    }
    String[] segments = glob.substring(1).split("/", -1);
    StringBuilder base = new StringBuilder();
    int literal = 0;
    while (literal < segments.length - 1 && !hasMeta(segments[literal])) {
      base.append('/').append(segments[literal]);
      literal++;
    }
    boolean recursive = glob.contains("**");
    int depth = recursive ? Integer.MAX_VALUE : segments.length - literal;
    try {
      return new Glob(
          glob,
          Pattern.compile(toRegex(glob)),
          Path.of(base.length() == 0 ? "/" : base.toString()),
          depth);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("not a valid glob: " + e.getDescription(), e);
    }
  }

  /** The deepest directory without wildcards: every match is under it. */
  Path base() {
    return base;
  }

  /** How many levels below {@link #base()} a match can be; {@code Integer.MAX_VALUE} with {@code **}. */
  int maxDepth() {
    return maxDepth;
  }

  boolean matches(Path path) {
    return pattern.matcher(path.toString()).matches();
  }

  @Override
  public String toString() {
    return text;
  }

  private static boolean hasMeta(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      if ("*?[{\\".indexOf(segment.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder(glob.length() * 2);
    boolean inGroup = false;
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            boolean wholeSegment =
                (i == 0 || glob.charAt(i - 1) == '/')
                    && (i + 2 == glob.length() || glob.charAt(i + 2) == '/');
            if (wholeSegment && i + 2 < glob.length()) {
              regex.append("(?:.*/)?"); // "**/" : zero or more directories
              i += 3;
            } else {
              regex.append(".*");
              i += 2;
            }
            continue;
          }
          regex.append("[^/]*");
        }
        case '?' -> regex.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            throw new IllegalArgumentException("not a valid glob: unclosed [ at index " + i);
          }
          regex.append('[');
          int j = i + 1;
          if (glob.charAt(j) == '!' || glob.charAt(j) == '^') {
            regex.append('^');
            j++;
          }
          for (; j < close; j++) {
            char k = glob.charAt(j);
            if (k == '\\' || k == '[' || k == '&') {
              regex.append('\\');
            }
            regex.append(k);
          }
          regex.append(']');
          i = close;
        }
        case '{' -> {
          if (inGroup) {
            throw new IllegalArgumentException("not a valid glob: nested { at index " + i);
          }
          inGroup = true;
          regex.append("(?:");
        }
        case '}' -> {
          if (!inGroup) {
            throw new IllegalArgumentException("not a valid glob: } without { at index " + i);
          }
          inGroup = false;
          regex.append(')');
        }
        case ',' -> regex.append(inGroup ? "|" : ",");
        case '\\' -> {
          if (i + 1 == glob.length()) {
            throw new IllegalArgumentException("not a valid glob: ends with \\");
          }
          i++;
          regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        }
        default -> {
          if ("().+|^$".indexOf(c) >= 0) {
            regex.append('\\');
          }
          regex.append(c);
        }
      }
      i++;
    }
    if (inGroup) {
      throw new IllegalArgumentException("not a valid glob: unclosed {");
    }
    return regex.toString();
  }
}
