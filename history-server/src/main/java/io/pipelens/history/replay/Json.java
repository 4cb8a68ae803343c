package io.pipelens.history.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lenient reads of event fields: absent and null read as the fallback, as Spark's parser does. */
final class Json {

  private Json() {}

  static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static long longOr(JsonNode node, String field, long fallback) {
    if (node == null) {
      return fallback;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? fallback : value.asLong(fallback);
  }

  static int intOr(JsonNode node, String field, int fallback) {
    return (int) longOr(node, field, fallback);
  }

  static boolean boolOr(JsonNode node, String field, boolean fallback) {
    if (node == null) {
      return fallback;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? fallback : value.asBoolean(fallback);
  }

  /** A JSON object of strings, sorted by key; empty when absent. */
  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new TreeMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  /** The ints of a JSON array; empty when absent. */
  static int[] ints(JsonNode node) {
    if (node == null || !node.isArray()) {
      return new int[0];
    }
    int[] values = new int[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = node.get(i).asInt();
    }
    return values;
  }

  /** The strings of a JSON array; empty when absent. */
  static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    }
    return values;
  }
}
