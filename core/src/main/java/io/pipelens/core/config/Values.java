package io.pipelens.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Renders values and types for one-line configuration error messages. */
final class Values {

  // A value long enough to wrap a terminal line (a pasted certificate, say) helps nobody find the
  // key; its start is enough to recognise it.
  private static final int MAX_RENDERED_CHARS = 80;

  private Values() {}

  /** {@code text} in double quotes, escaped so it stays on one line, and shortened if long. */
  static String quote(String text) {
    String shown = text.length() > MAX_RENDERED_CHARS ? text.substring(0, MAX_RENDERED_CHARS) + "..." : text;
    return "\"" + escape(shown, true) + "\"";
  }

  /** {@code text} with line breaks and other control characters escaped, so it stays on one line. */
  static String oneLine(String text) {
    return escape(text, false);
  }

  private static String escape(String text, boolean quotes) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append(quotes ? "\\\"" : "\"");
        case '\\' -> out.append(quotes ? "\\\\" : "\\");
        default -> {
          // Also NEL and the Unicode line and paragraph separators, which some terminals and log
          // shippers treat as line breaks.
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A bound Java value as it would be written in the configuration file; never reveals a Secret. */
  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence text) {
      return quote(text.toString());
    }
    if (value instanceof Duration duration) {
      return Durations.format(duration);
    }
    if (value instanceof Enum<?> constant) {
      return EnumWireFormat.wireName(constant);
    }
    if (value instanceof Path path) {
      return quote(path.toString());
    }
    // Secret, DataSize, numbers and booleans render themselves safely.
    return oneLine(String.valueOf(value));
  }

  /** A scalar node as it was written in YAML: strings quoted, numbers and booleans bare. */
  static String literal(JsonNode node) {
    if (node.isTextual()) {
      return quote(node.textValue());
    }
    if (node.isContainerNode()) {
      return describe(node);
    }
    return oneLine(node.asText());
  }

  /** What was found, for "expected X, got Y" messages. */
  static String describe(JsonNode node) {
    if (node.isBoolean()) {
      return "a boolean (" + node.asText() + ")";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isMissingNode()) {
      return "nothing";
    }
    return literal(node);
  }

  /** What a value of {@code type} looks like in YAML, for "expected X, got Y" messages. */
  static String expected(Class<?> type) {
    if (isInteger(type)) {
      return "an integer";
    }
    if (isDecimal(type)) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == Secret.class || type == char.class
        || type == Character.class) {
      return "a string";
    }
    if (type == Path.class) {
      return "a path";
    }
    if (type == Duration.class) {
      return "a duration such as 500ms, 5s, 1m, 2h or 1d";
    }
    if (type == DataSize.class) {
      return "a data size such as 512, 64KiB or 10MB";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ", EnumWireFormat.wireNames(type));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return "a value of type " + type.getSimpleName();
  }

  static boolean isInteger(Class<?> type) {
    return type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == short.class || type == Short.class || type == byte.class || type == Byte.class
        || type == BigInteger.class;
  }

  static boolean isDecimal(Class<?> type) {
    return type == double.class || type == Double.class || type == float.class || type == Float.class
        || type == BigDecimal.class || type == Number.class;
  }
}
