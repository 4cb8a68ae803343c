package io.pipelens.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types a substituted value the way YAML types an unquoted scalar, so that {@code port: ${PORT:-9400}}
 * is an integer and {@code enabled: ${ENABLED:-true}} a boolean.
 *
 * <p>Covers the forms configuration values use: null ({@code null}, {@code ~}, empty), booleans
 * ({@code true}, {@code false} in three capitalisations, as the YAML parser accepts), decimal
 * integers and decimal floats. Anything else, including hex, octal and {@code yes}/{@code no}, stays
 * a string.
 */
final class PlainScalars {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
  private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+\\.[0-9]*|[0-9]+(\\.[0-9]*)?[eE][-+]?[0-9]+)");

  private PlainScalars() {}

  static JsonNode type(String text) {
    if (NULLS.contains(text)) {
      return NODES.nullNode();
    }
    if (TRUES.contains(text)) {
      return NODES.booleanNode(true);
    }
    if (FALSES.contains(text)) {
      return NODES.booleanNode(false);
    }
    if (INTEGER.matcher(text).matches()) {
      BigInteger value = new BigInteger(text);
      if (value.bitLength() < Integer.SIZE) {
        return NODES.numberNode(value.intValue());
      }
      if (value.bitLength() < Long.SIZE) {
        return NODES.numberNode(value.longValue());
      }
      return NODES.numberNode(value);
    }
    if (FLOAT.matcher(text).matches()) {
      return NODES.numberNode(Double.parseDouble(text));
    }
    return NODES.textNode(text);
  }
}
