package io.pipelens.history.ui.page;

import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptState;
import io.pipelens.history.listing.AttemptLabels;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Format;
import io.pipelens.history.ui.html.Html;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /ui/apps}: every listed application, filtered, sorted and cut into pages on the server,
 * in one pass over the listing, so 100,000 applications cost one page of HTML.
 *
 * <p>Parameters: {@code status} ({@code running}, {@code completed}, {@code failed}, {@code
 * abandoned}), {@code
 * user}, {@code team}, {@code priority}, {@code namespace} (exact), {@code name} (part of the name
 * or id, any case), {@code from} and {@code to} (start day, {@code yyyy-MM-dd}, UTC, inclusive),
 * {@code sort} ({@code start}, {@code duration}, {@code name}, {@code user}, {@code failed}),
 * {@code order} ({@code asc}, {@code desc}), {@code page}, {@code size} (10 to 500, default 50).
 */
public final class AppListPage {

  private static final long DAY = 86_400_000L;

  private AppListPage() {}

  /** One row: the application and its status. */
  record Row(ApplicationSummary app, AppStatus status) {}

  public static String render(List<ApplicationSummary> listing, AppStoreCache replays,
      Function<ApplicationSummary, AttemptState> states, Params params) {
    String status = params.choice(
        "status", AppStatus.RUNNING, AppStatus.COMPLETED, AppStatus.FAILED, AppStatus.ABANDONED);
    String user = params.text("user");
    String name = params.text("name");
    String team = params.text("team");
    String priority = params.text("priority");
    String namespace = params.text("namespace");
    Long from = params.day("from");
    Long to = params.day("to");
    String sort = params.choice("sort", "start", "duration", "name", "user", "failed");
    sort = sort == null ? "start" : sort;
    boolean descending = !"asc".equals(params.choice("order", "asc", "desc"));
    int size = params.number("size", 50, 10, 500);
    int page = Widgets.page(params);
    String needle = name == null ? null : name.toLowerCase(Locale.ROOT);

    boolean byStart = sort.equals("start");
    List<Row> rows = new ArrayList<>();
    for (ApplicationSummary app : byStart ? newestFirst(listing) : listing) {
      AttemptSummary attempt = app.latestAttempt();
      AttemptLabels labels = attempt.labels();
      if ((user != null && !user.equals(attempt.sparkUser()))
          || (team != null && !team.equals(labels.team()))
          || (priority != null && !priority.equals(labels.priority()))
          || (namespace != null && !namespace.equals(labels.namespace()))
          || (from != null && attempt.startTime() < from)
          || (to != null && attempt.startTime() >= to + DAY)
          || (needle != null && !contains(app, needle))) {
        continue;
      }
      AppStatus appStatus = AppStatus.of(app, replays, states.apply(app));
      if (status != null && !status.equals(appStatus.status())) {
        continue;
      }
      rows.add(new Row(app, appStatus));
    }
    if (!byStart) {
      Comparator<Row> order = comparator(sort);
      rows.sort(descending ? order.reversed() : order);
    } else if (!descending) {
      java.util.Collections.reverse(rows);
    }

    Map<String, String> query = new LinkedHashMap<>();
    query.put("status", status);
    query.put("user", user);
    query.put("name", name);
    query.put("team", team);
    query.put("priority", priority);
    query.put("namespace", namespace);
    query.put("from", params.text("from"));
    query.put("to", params.text("to"));
    Map<String, String> sorted = new LinkedHashMap<>(query);
    sorted.put("sort", sort);
    sorted.put("order", descending ? "desc" : "asc");
    sorted.put("size", size == 50 ? null : Integer.toString(size));
    int fromRow = (int) Math.min((long) (page - 1) * size, rows.size());
    List<Row> shown = rows.subList(fromRow, Math.min(fromRow + size, rows.size()));
    final String currentSort = sort;

    return Layout.page(
        "Applications",
        List.of(new Layout.Crumb("Applications", null)),
        html -> {
          filters(html, params, status);
          html.open("section", "aria-labelledby", "apps-heading")
              .element("h2", "Applications", "id", "apps-heading", "class", "visually-hidden");
          Widgets.pagination(html, rows.size(), page, size, Urls.apps(), sorted, "applications");
          html.open("table", "class", "data", "data-rows", "", "aria-describedby", "apps-caption")
              .element("caption", "Applications, newest first; arrow keys move between rows, Enter opens one.",
                  "id", "apps-caption")
              .open("thead").open("tr")
              .element("th", "Application", "scope", "col");
          Widgets.sortHeader(html, "Name", "name", currentSort, descending, Urls.apps(), query);
          Widgets.sortHeader(html, "User", "user", currentSort, descending, Urls.apps(), query);
          html.element("th", "Health", "scope", "col");
          Widgets.sortHeader(html, "Started", "start", currentSort, descending, Urls.apps(), query);
          Widgets.sortHeader(html, "Duration", "duration", currentSort, descending, Urls.apps(), query);
          Widgets.sortHeader(html, "Tasks failed", "failed", currentSort, descending, Urls.apps(), query);
          html.element("th", "Team", "scope", "col")
              .element("th", "Priority", "scope", "col")
              .element("th", "Namespace", "scope", "col")
              .close("tr").close("thead").open("tbody");
          for (Row row : shown) {
            row(html, row);
          }
          if (shown.isEmpty()) {
            html.open("tr").element("td", "No application matches these filters.", "colspan", "10").close("tr");
          }
          html.close("tbody").close("table");
          Widgets.pagination(html, rows.size(), page, size, Urls.apps(), sorted, "applications");
          html.close("section");
        });
  }

  private static final Object ORDER_LOCK = new Object();
  private static List<ApplicationSummary> orderedFrom;
  private static List<ApplicationSummary> ordered;

  /**
   * The listing newest start first. A listing is an immutable snapshot, replaced whole after a
   * scan that changed something, so its order is computed once per snapshot, not per request.
   */
  static List<ApplicationSummary> newestFirst(List<ApplicationSummary> listing) {
    synchronized (ORDER_LOCK) {
      if (orderedFrom == listing) {
        return ordered;
      }
    }
    List<ApplicationSummary> sorted = new ArrayList<>(listing);
    sorted.sort(Comparator.comparingLong((ApplicationSummary a) -> a.latestAttempt().startTime())
        .thenComparing(ApplicationSummary::id).reversed());
    synchronized (ORDER_LOCK) {
      orderedFrom = listing;
      ordered = sorted;
    }
    return sorted;
  }

  private static boolean contains(ApplicationSummary app, String needle) {
    return app.id().toLowerCase(Locale.ROOT).contains(needle)
        || (app.name() != null && app.name().toLowerCase(Locale.ROOT).contains(needle));
  }

  private static Comparator<Row> comparator(String sort) {
    Comparator<Row> byStart = Comparator.comparingLong(r -> r.app().latestAttempt().startTime());
    Comparator<Row> primary =
        switch (sort) {
          case "duration" -> Comparator.comparingLong(r -> duration(r.app().latestAttempt()));
          case "name" -> Comparator.comparing(r -> r.app().name() == null ? "" : r.app().name().toLowerCase(Locale.ROOT));
          case "user" -> Comparator.comparing(r -> r.app().latestAttempt().sparkUser() == null ? "" : r.app().latestAttempt().sparkUser());
          case "failed" -> Comparator.comparingLong(r -> r.status().failedTasks());
          default -> byStart;
        };
    return primary.thenComparing(byStart).thenComparing(r -> r.app().id());
  }

  /** A running attempt's duration so far, up to its log's last change. */
  private static long duration(AttemptSummary attempt) {
    return attempt.completed() ? attempt.duration() : Math.max(0, attempt.lastUpdated() - attempt.startTime());
  }

  private static void filters(Html html, Params params, String status) {
    html.open("form", "class", "filters", "method", "get", "action", Urls.apps(), "role", "search",
        "aria-label", "Filter applications");
    html.open("div", "class", "field")
        .element("label", "Status", "for", "f-status")
        .open("select", "id", "f-status", "name", "status");
    for (String[] option : new String[][] {{"", "Any"}, {"running", "Running"}, {"completed", "Completed"}, {"failed", "Failed"},
        {"abandoned", "Abandoned"}}) {
      html.element("option", option[1], "value", option[0],
          "selected", option[0].equals(status == null ? "" : status) ? "" : null);
    }
    html.close("select").close("div");
    input(html, "f-name", "name", "Name or id", params.text("name"), "search");
    input(html, "f-user", "user", "User", params.text("user"), "text");
    input(html, "f-team", "team", "Team", params.text("team"), "text");
    input(html, "f-priority", "priority", "Priority", params.text("priority"), "text");
    input(html, "f-namespace", "namespace", "Namespace", params.text("namespace"), "text");
    input(html, "f-from", "from", "Started from", params.text("from"), "date");
    input(html, "f-to", "to", "Started until", params.text("to"), "date");
    html.open("div", "class", "field actions")
        .element("button", "Filter", "type", "submit")
        .link(Urls.apps(), "Clear", "class", "clear")
        .close("div");
    html.close("form");
  }

  static void input(Html html, String id, String name, String label, String value, String type) {
    html.open("div", "class", "field")
        .element("label", label, "for", id)
        .empty("input", "id", id, "name", name, "type", type, "value", value == null ? "" : value)
        .close("div");
  }

  private static void row(Html html, Row row) {
    ApplicationSummary app = row.app();
    AttemptSummary attempt = app.latestAttempt();
    AttemptLabels labels = attempt.labels();
    String href = Urls.app(app.id(), null);
    html.open("tr", "class", row.status().status().equals(AppStatus.FAILED) ? "row-failed" : null, "data-href", href)
        .open("td").link(href, app.id()).close("td")
        .element("td", app.name())
        .element("td", attempt.sparkUser())
        .open("td");
    String health = row.status().health();
    Widgets.badge(html, Widgets.kindOf(health), health);
    html.close("td")
        .element("td", Format.time(attempt.startTime()))
        .element("td", Format.duration(duration(attempt)) + (attempt.completed() ? "" : " so far"), "class", "num")
        .element("td", row.status().failedTasks() < 0 ? "?" : Format.count(row.status().failedTasks()), "class", "num",
            "title", row.status().failedTasks() < 0 ? "not counted yet: open the application to replay its log" : null)
        .element("td", labels.team())
        .element("td", labels.priority())
        .element("td", labels.namespace())
        .close("tr");
  }
}
