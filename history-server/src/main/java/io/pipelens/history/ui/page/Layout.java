package io.pipelens.history.ui.page;

import io.pipelens.history.ui.http.Urls;
import io.pipelens.history.ui.html.Html;
import java.util.List;
import java.util.function.Consumer;

/** The frame every page shares: title, breadcrumb navigation, one {@code h1}, the assets. */
public final class Layout {

  /** A breadcrumb: text and a link (null for the current page). */
  public record Crumb(String text, String href) {}

  private Layout() {}

  /** The whole document; {@code body} writes what goes under the {@code h1}. */
  public static String page(String title, List<Crumb> crumbs, Consumer<Html> body) {
    Html html = new Html();
    html.raw("<!doctype html>")
        .open("html", "lang", "en")
        .open("head")
        .empty("meta", "charset", "utf-8")
        .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .element("title", title + " · pipelens history")
        .empty("link", "rel", "stylesheet", "href", Urls.ROOT + "/static/pipelens.css")
        .open("script", "src", Urls.ROOT + "/static/pipelens.js", "defer", "")
        .close("script")
        .close("head")
        .open("body")
        .link("#main", "Skip to content", "class", "skip")
        .open("header", "class", "top")
        .link(Urls.apps(), "pipelens history", "class", "brand")
        .open("nav", "aria-label", "Breadcrumb")
        .open("ol");
    for (Crumb crumb : crumbs) {
      html.open("li");
      if (crumb.href() == null) {
        html.element("span", crumb.text(), "aria-current", "page");
      } else {
        html.link(crumb.href(), crumb.text());
      }
      html.close("li");
    }
    html.close("ol").close("nav").close("header");
    html.open("main", "id", "main", "tabindex", "-1").element("h1", title);
    body.accept(html);
    html.close("main").close("body").close("html");
    return html.toString();
  }

  /** An error page: the status in the title, the message below. */
  public static String error(int status, String message) {
    String title =
        switch (status) {
          case 400 -> "Bad request";
          case 401 -> "Sign-in required";
          case 403 -> "Forbidden";
          case 404 -> "Not found";
          default -> "Error " + status;
        };
    return page(
        title,
        List.of(new Crumb("Applications", Urls.apps()), new Crumb(title, null)),
        html ->
            html.element("p", message, "class", "error-message")
                .open("p")
                .link(Urls.apps(), "Back to the applications")
                .close("p"));
  }
}
