package io.pipelens.runtime.internal;

/**
 * Writes JSON string literals.
 *
 * <p>The runtime emits only two small JSON shapes (log lines and the {@code /readyz} body), so it
 * escapes by hand instead of pulling a JSON library onto every component's classpath.
 *
 * <p>Internal: not public API, see {@link io.pipelens.runtime.internal}.
 */
public final class JsonStrings {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonStrings() {}

  /** Returns {@code value} as a quoted, escaped JSON string; {@code null} becomes {@code null}. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value == null ? 4 : value.length() + 2);
    appendQuoted(out, value);
    return out.toString();
  }

  /**
   * Appends {@code value} as a quoted JSON string. Control characters (newlines included) are
   * escaped, so the result is always a single line; so are U+2028/U+2029, which break JavaScript
   * readers, and unpaired surrogates, which would otherwise turn into {@code ?} when encoded.
   */
  public static void appendQuoted(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            appendUnicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            appendUnicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
