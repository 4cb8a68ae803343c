package io.pipelens.history.ui.page;

import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Pieces several pages use: status badges, sortable headers, pagination. */
final class Widgets {

  private Widgets() {}

  /**
   * A status badge: a word and a symbol, so the status never rests on colour alone. {@code kind}
   * picks the colour class: ok, failed, running, warning, skipped, neutral.
   */
  static void badge(Html html, String kind, String text) {
    String symbol =
        switch (kind) {
          case "ok" -> "✓";
          case "failed" -> "✕";
          case "running" -> "▶";
          case "warning" -> "!";
          case "skipped" -> "–";
          default -> "•";
        };
    html.open("span", "class", "badge badge-" + kind)
        .open("span", "aria-hidden", "true")
        .text(symbol)
        .close("span")
        .text(" " + text)
        .close("span");
  }

  /** The badge kind for a Spark status name. */
  static String kindOf(String status) {
    return switch (status.toUpperCase(Locale.ROOT)) {
      case "SUCCEEDED", "COMPLETE", "SUCCESS", "COMPLETED", "HEALTHY" -> "ok";
      case "FAILED" -> "failed";
      case "RUNNING", "ACTIVE", "GET_RESULT" -> "running";
      case "SKIPPED", "KILLED" -> "skipped";
      case "RECOVERED", "ABANDONED" -> "warning";
      default -> "neutral";
    };
  }

  /** Title case of an enum name: {@code SUCCEEDED} is {@code Succeeded}. */
  static String label(String status) {
    String lower = status.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /**
   * A column header that sorts by {@code key}: a link to the same page sorted by it (toggling the
   * order when it is the current key), with {@code aria-sort} on the current one.
   */
  static void sortHeader(
      Html html, String text, String key, String currentKey, boolean descending,
      String basePath, Map<String, String> query) {
    boolean current = key.equals(currentKey);
    Map<String, String> target = new LinkedHashMap<>(query);
    target.put("sort", key);
    target.put("order", current && descending ? "asc" : "desc");
    target.remove("page");
    html.open("th", "scope", "col", "aria-sort", current ? (descending ? "descending" : "ascending") : null);
    html.link(basePath + Urls.query(target), text + (current ? (descending ? " ▼" : " ▲") : ""));
    html.close("th");
  }

  /** "Page 2 of 9" with previous and next links; nothing when everything fits on one page. */
  static void pagination(
      Html html, long total, int page, int size, String basePath, Map<String, String> query, String what) {
    long pages = Math.max(1, (total + size - 1) / size);
    html.open("nav", "class", "pages", "aria-label", "Pages of " + what);
    if (page > 1) {
      Map<String, String> previous = new LinkedHashMap<>(query);
      previous.put("page", Integer.toString(page - 1));
      html.link(basePath + Urls.query(previous), "← Previous", "rel", "prev");
    }
    html.element(
        "span",
        "Page " + page + " of " + Format.count(pages) + " · " + Format.count(total) + " " + what);
    if (page < pages) {
      Map<String, String> next = new LinkedHashMap<>(query);
      next.put("page", Integer.toString(page + 1));
      html.link(basePath + Urls.query(next), "Next →", "rel", "next");
    }
    html.close("nav");
  }

  /** The page number asked for, 1 by default. */
  static int page(Params params) {
    return params.number("page", 1, 1, 100_000_000);
  }

  /** A definition list row. */
  static void term(Html html, String term, String value) {
    html.element("dt", term).element("dd", value == null ? "–" : value);
  }
}
