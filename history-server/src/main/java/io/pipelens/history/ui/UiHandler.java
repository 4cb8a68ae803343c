package io.pipelens.history.ui;

import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.UiException;
import io.pipelens.history.ui.http.UiResponse;
import io.pipelens.history.ui.http.Urls;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelens.history.access.AccessControl;
import io.pipelens.history.access.AccessDenied;
import io.pipelens.history.access.Identity;
import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.replay.JobRecord;
import io.pipelens.history.replay.StageAttempt;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.ui.logs.LogApi;
import io.pipelens.history.ui.logs.LogLines;
import io.pipelens.history.ui.logs.LogRequest;
import io.pipelens.history.ui.logs.TaskWindow;
import io.pipelens.history.ui.page.AppListPage;
import io.pipelens.history.ui.page.AppPage;
import io.pipelens.history.ui.page.JobPage;
import io.pipelens.history.ui.page.Layout;
import io.pipelens.history.ui.page.LogPage;
import io.pipelens.history.ui.page.SqlPage;
import io.pipelens.history.ui.page.StagePage;
import io.pipelens.logsearch.LogSearch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI, for {@code com.sun.net.httpserver}: mount it at {@code /ui} and at {@code /}. {@code
 * /} redirects to {@code /ui/}, which redirects to {@code /ui/apps}.
 *
 * <table>
 *   <caption>Pages</caption>
 *   <tr><td>{@code /ui/apps}</td><td>{@link AppListPage}</td></tr>
 *   <tr><td>{@code /ui/apps/{appId}}</td><td>{@link AppPage}</td></tr>
 *   <tr><td>{@code /ui/apps/{appId}/jobs/{jobId}}</td><td>{@link JobPage}</td></tr>
 *   <tr><td>{@code /ui/apps/{appId}/stages/{stageId}/{attemptId}}</td><td>{@link StagePage}</td></tr>
 *   <tr><td>{@code /ui/apps/{appId}/sql/{executionId}}</td><td>{@link SqlPage}</td></tr>
 *   <tr><td>{@code /ui/apps/{appId}/logs}</td><td>{@link LogPage}</td></tr>
 *   <tr><td>{@code /ui/api/logs}</td><td>{@link LogApi}</td></tr>
 *   <tr><td>{@code /ui/static/pipelens.css}, {@code pipelens.js}</td><td>the assets</td></tr>
 * </table>
 *
 * <p>Every page of an application takes {@code ?attempt=} (the newest attempt without it). Ids
 * are checked against Spark's shapes and looked up in memory; unknown ones get a 404 page.
 * With {@link AccessControl} on, every request is identified (401 with a challenge when basic auth
 * is on and it proves no user) and each application's pages and log lines need the ACLs' leave
 * (403 otherwise); the application list is shown to everyone, as Spark's is.
 * Answers carry a strict Content-Security-Policy (scripts and styles from this server only, no
 * inline script) and are never framed.
 */
public final class UiHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(UiHandler.class);
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final AppLookup apps;
  private final Supplier<LogSearch> logs;
  private final io.micrometer.core.instrument.MeterRegistry registry;
  private final Assets assets = new Assets();
  private final AccessControl access;

  /**
   * @param logs the log store, or a supplier of null when none is configured
   * @param registry where {@code pipelens_history_ui_request_duration_seconds{page,status}} goes
   */
  public UiHandler(AppLookup apps, Supplier<LogSearch> logs, io.micrometer.core.instrument.MeterRegistry registry) {
    this(apps, logs, registry, AccessControl.OPEN);
  }

  /**
   * @param access who may see what: every request is identified, and each application's pages and
   *     log lines are checked against its ACLs; the application list is not, as in Spark
   */
  public UiHandler(AppLookup apps, Supplier<LogSearch> logs,
      io.micrometer.core.instrument.MeterRegistry registry, AccessControl access) {
    this.access = java.util.Objects.requireNonNull(access, "access");
    this.apps = apps;
    this.logs = logs;
    this.registry = registry;
  }

  /** Without metrics. */
  public UiHandler(AppLookup apps, Supplier<LogSearch> logs) {
    this(apps, logs, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String path = exchange.getRequestURI().getRawPath();
    boolean api = path.startsWith(Urls.ROOT + "/api/");
    UiResponse response;
    try {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        throw new UiException(405, "method not allowed: " + method);
      }
      Identity identity = access.identify(exchange.getRemoteAddress().getAddress(),
          name -> exchange.getRequestHeaders().getFirst(name));
      response = route(path, Params.parse(exchange.getRequestURI().getRawQuery()), identity);
    } catch (AccessDenied e) {
      if (e.challenge() != null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", e.challenge());
      }
      response = api ? LogApi.error(e.status(), e.getMessage())
          : UiResponse.html(e.status(), Layout.error(e.status(), e.getMessage()));
    } catch (UiException e) {
      response = api ? LogApi.error(e.status(), e.getMessage())
          : UiResponse.html(e.status(), Layout.error(e.status(), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("Failed to answer {}", exchange.getRequestURI(), e);
      response = api ? LogApi.error(500, "internal error")
          : UiResponse.html(500, Layout.error(500, "Internal error; the server's log says more."));
    }
    send(exchange, response);
    io.micrometer.core.instrument.Timer.builder("pipelens.history.ui.request.duration")
        .description("UI requests, rendering and sending, by page and status")
        .tag("page", pageOf(path))
        .tag("status", Integer.toString(response.status()))
        .register(registry)
        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The kind of page a path asks for, a bounded label: never an id. */
  static String pageOf(String path) {
    String[] parts = path.split("/");
    if (parts.length < 3) {
      return "redirect";
    }
    return switch (parts[2]) {
      case "static" -> "static";
      case "api" -> "api_logs";
      case "apps" -> parts.length == 3 ? "apps"
          : parts.length == 4 ? "app"
          : switch (parts[4]) {
              case "jobs" -> "job";
              case "stages" -> "stage";
              case "logs" -> "logs";
              case "sql" -> "sql";
              default -> "other";
            };
      default -> "other";
    };
  }

  UiResponse route(String path, Params params, Identity identity) throws AccessDenied {
    if (path.equals("/")) {
      return UiResponse.redirect(Urls.ROOT + "/");
    }
    if (path.equals(Urls.ROOT) || path.equals(Urls.ROOT + "/")) {
      return UiResponse.redirect(Urls.apps());
    }
    List<String> segments = segments(path);
    if (segments.size() == 3 && segments.get(1).equals("static")) {
      UiResponse asset = assets.get(segments.get(2));
      if (asset == null) {
        throw UiException.notFound("no such file");
      }
      return asset;
    }
    if (segments.size() == 3 && segments.get(1).equals("api") && segments.get(2).equals("logs")) {
      return logApi(params, identity);
    }
    if (segments.size() < 2 || !segments.get(1).equals("apps")) {
      throw UiException.notFound("no such page: " + path);
    }
    if (segments.size() == 2) {
      return UiResponse.html(200, AppListPage.render(apps.catalog().listing().applications(), apps.replays(), apps.states(), params));
    }
    ApplicationSummary app = apps.application(segments.get(2));
    AttemptSummary attempt = AppLookup.attempt(app, params.attemptId("attempt"));
    access.checkView(identity, attempt);
    if (segments.size() == 3) {
      return underLock(attempt, store -> AppPage.render(app, attempt, store, apps.states().apply(app), params));
    }
    String kind = segments.get(3);
    if (kind.equals("jobs") && segments.size() == 5) {
      int jobId = Params.pathNumber(segments.get(4), "job");
      return underLock(attempt, store -> {
        JobRecord job = store.job(jobId).orElseThrow(() -> UiException.notFound("no such job: " + jobId));
        return JobPage.render(app, attempt, store, job);
      });
    }
    if (kind.equals("stages") && segments.size() == 6) {
      int stageId = Params.pathNumber(segments.get(4), "stage");
      int stageAttempt = Params.pathNumber(segments.get(5), "stage attempt");
      return underLock(attempt, store -> {
        StageAttempt stage = store.stageAttempt(stageId, stageAttempt)
            .orElseThrow(() -> UiException.notFound("no such stage: " + stageId + "." + stageAttempt));
        return StagePage.render(app, attempt, store, stage, params);
      });
    }
    if (kind.equals("sql") && segments.size() == 5) {
      long executionId = Params.pathNumber(segments.get(4), "SQL execution");
      return underLock(attempt, store -> {
        var execution = store.sqlExecution(executionId)
            .orElseThrow(() -> UiException.notFound("no such SQL execution: " + executionId));
        return SqlPage.render(app, attempt, store, execution);
      });
    }
    if (kind.equals("logs") && segments.size() == 4) {
      // Log lines belong to the application, not to one attempt.
      access.checkViewAll(identity, app.attempts());
      return logPage(app, attempt, params);
    }
    throw UiException.notFound("no such page: " + path);
  }

  private UiResponse logPage(ApplicationSummary app, AttemptSummary attempt, Params params) {
    String taskText = params.text("task");
    Long taskId = taskText == null ? null : (long) Params.pathNumber(taskText, "task");
    TaskWindow window = null;
    if (taskId != null) {
      AppStore store = apps.replay(attempt);
      Lock lock = store.state().lock().readLock();
      lock.lock();
      try {
        window = TaskWindow.find(store, taskId)
            .orElseThrow(() -> UiException.notFound("no task " + taskId + " in " + app.id()));
      } finally {
        lock.unlock();
      }
    }
    String executor = params.executorId("executor");
    if (window != null && executor == null) {
      params = params.with("executor", window.task().executorId());
    }
    LogRequest request = LogRequest.from(params, app.id(),
        window == null ? null : window.from(), window == null ? null : window.to());
    LogSearch search = logs.get();
    LogLines lines = null;
    String problem = null;
    if (search != null) {
      try {
        lines = LogLines.fetch(search, request);
      } catch (IOException e) {
        LOG.warn("Log search for {} failed: {}", app.id(), e.toString());
        problem = e.getClass().getSimpleName();
      }
    }
    int status = search != null && problem != null ? 502 : 200;
    return UiResponse.html(status,
        LogPage.render(app, attempt, request, window, taskId, lines, problem, search != null));
  }

  private UiResponse logApi(Params params, Identity identity) throws AccessDenied {
    String appId = params.text("app");
    if (appId == null) {
      throw UiException.badRequest("app: required");
    }
    ApplicationSummary app = apps.application(appId);
    access.checkViewAll(identity, app.attempts());
    LogRequest request = LogRequest.from(params, app.id(), null, null);
    LogSearch search = logs.get();
    if (search == null) {
      throw new UiException(503, "no log store is configured (logs.lucene or logs.elasticsearch)");
    }
    try {
      return LogApi.answer(LogLines.fetch(search, request));
    } catch (IOException e) {
      LOG.warn("Log search for {} failed: {}", app.id(), e.toString());
      throw new UiException(502, "the log store did not answer");
    }
  }

  /** Renders from the attempt's replay under its read lock, so a resume never changes it mid-page. */
  private UiResponse underLock(AttemptSummary attempt, java.util.function.Function<AppStore, String> page) {
    AppStore store = apps.replay(attempt);
    Lock lock = store.state().lock().readLock();
    lock.lock();
    String html;
    try {
      html = page.apply(store);
    } finally {
      lock.unlock();
    }
    return UiResponse.html(200, html);
  }

  /** Path segments after the root, percent-decoded; anything unusual is a 404. */
  private static List<String> segments(String rawPath) {
    if (!rawPath.startsWith(Urls.ROOT + "/")) {
      throw UiException.notFound("no such page");
    }
    List<String> segments = new ArrayList<>();
    segments.add("ui");
    String rest = rawPath.substring(Urls.ROOT.length() + 1);
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    for (String raw : rest.split("/", -1)) {
      if (raw.isEmpty() || raw.length() > 300) {
        throw UiException.notFound("no such page");
      }
      try {
        segments.add(java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw UiException.notFound("no such page");
      }
    }
    return segments;
  }

  private static void send(HttpExchange exchange, UiResponse response) {
    try {
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", response.contentType());
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Content-Security-Policy", CSP);
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "same-origin");
      headers.set("Cache-Control", response.contentType().startsWith("text/css")
          || response.contentType().startsWith("text/javascript") ? "max-age=300" : "no-store");
      if (response.location() != null) {
        headers.set("Location", response.location());
      }
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1 : response.body().length);
      if (!head && response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    } catch (IOException e) {
      LOG.debug("Could not answer {}: {}", exchange.getRequestURI(), e.toString());
    } finally {
      exchange.close();
    }
  }
}
