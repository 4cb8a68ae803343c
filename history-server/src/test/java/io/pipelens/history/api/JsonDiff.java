package io.pipelens.history.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Where two JSON trees differ, as readable paths, so a failing golden case says why. */
final class JsonDiff {

  private static final int MAX_LINES = 30;

  private JsonDiff() {}

  static String describe(JsonNode expected, JsonNode actual) {
    List<String> lines = new ArrayList<>();
    diff("$", expected, actual, lines);
    if (lines.size() > MAX_LINES) {
      int more = lines.size() - MAX_LINES;
      lines = new ArrayList<>(lines.subList(0, MAX_LINES));
      lines.add("... and " + more + " more");
    }
    return "differences (expected vs actual):\n  " + String.join("\n  ", lines);
  }

  private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected == null || actual == null) {
      out.add(path + ": " + (expected == null ? "unexpected " + abbreviate(actual) : "missing"));
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        diff(path + "." + name, expected.get(name), actual.get(name), out);
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(path + ": " + expected.size() + " elements vs " + actual.size());
      }
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      int i = 0;
      while (e.hasNext() && a.hasNext()) {
        diff(path + "[" + i++ + "]", e.next(), a.next(), out);
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": " + abbreviate(expected) + " vs " + abbreviate(actual));
    }
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
