package io.pipelens.testsupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Where two JSON trees differ, as readable paths ({@code $.stages[0].status}), so a failing
 * comparison with a golden or a reference answer says why. Object keys are compared as sets, arrays
 * element by element.
 */
public final class JsonDiff {

  private static final int MAX_LINES = 30;

  private JsonDiff() {}

  /** One difference: where, and what each side holds there. */
  public record Difference(String path, String detail) {
    @Override
    public String toString() {
      return path + ": " + detail;
    }
  }

  /** Every difference between {@code expected} and {@code actual}, in document order. */
  public static List<Difference> differences(JsonNode expected, JsonNode actual) {
    List<Difference> out = new ArrayList<>();
    diff("$", expected, actual, out);
    return out;
  }

  /** The first differences as a message for an assertion. */
  public static String describe(JsonNode expected, JsonNode actual) {
    List<String> lines = new ArrayList<>();
    differences(expected, actual).forEach(d -> lines.add(d.toString()));
    List<String> shown = lines;
    if (lines.size() > MAX_LINES) {
      shown = new ArrayList<>(lines.subList(0, MAX_LINES));
      shown.add("... and " + (lines.size() - MAX_LINES) + " more");
    }
    return "differences (expected vs actual):\n  " + String.join("\n  ", shown);
  }

  private static void diff(String path, JsonNode expected, JsonNode actual, List<Difference> out) {
    if (expected == null || actual == null) {
      out.add(
          new Difference(path, expected == null ? "unexpected " + abbreviate(actual) : "missing"));
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
        out.add(new Difference(path, expected.size() + " elements vs " + actual.size()));
      }
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      int i = 0;
      while (e.hasNext() && a.hasNext()) {
        diff(path + "[" + i++ + "]", e.next(), a.next(), out);
      }
    } else if (!expected.equals(actual)) {
      out.add(new Difference(path, abbreviate(expected) + " vs " + abbreviate(actual)));
    }
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
