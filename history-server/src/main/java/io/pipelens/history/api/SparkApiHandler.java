package io.pipelens.history.api;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelens.history.access.AccessControl;
import io.pipelens.history.access.AccessDenied;
import io.pipelens.history.access.Identity;
import io.pipelens.history.listing.ApplicationCatalog;
import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptSummary;
import io.pipelens.history.listing.Liveness;
import io.pipelens.history.listing.LocatedLog;
import io.pipelens.history.store.AppStore;
import io.pipelens.history.store.AppStoreCache;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's {@code /api/v1} REST API over an {@link ApplicationCatalog}, for {@code
 * com.sun.net.httpserver}. Mount it at {@code /api/v1}.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>GET</th><th>Answer</th></tr>
 *   <tr><td>{@code /applications}</td><td>{@code ApplicationInfo[]}; parameters {@code status}
 *       (repeatable, {@code completed|running}), {@code minDate}, {@code maxDate}, {@code
 *       minEndDate}, {@code maxEndDate} ({@code yyyy-MM-dd} or {@code
 *       yyyy-MM-dd'T'HH:mm:ss.SSSz}), {@code limit}; see {@link ApplicationQuery}</td></tr>
 *   <tr><td>{@code /applications/{appId}}</td><td>{@code ApplicationInfo}, or 404 {@code unknown
 *       app: <appId>}</td></tr>
 *   <tr><td>{@code /applications/{appId}/{attemptId}}</td><td>{@code ApplicationAttemptInfo}, or
 *       404 {@code unknown app <appId>, attempt <attemptId>}</td></tr>
 *   <tr><td>{@code /version}</td><td>{@code {"spark": "<version>"}}, see {@link
 *       #COMPATIBLE_SPARK_VERSION}</td></tr>
 * </table>
 *
 * <p>Per-application resources, under {@code /applications/{appId}} for an application without
 * attempt ids or {@code /applications/{appId}/{attemptId}}, answered from a replay of the attempt's
 * log (see {@link AppStoreCache}):
 *
 * <table>
 *   <caption>Per-application endpoints</caption>
 *   <tr><th>GET</th><th>Answer</th></tr>
 *   <tr><td>{@code jobs}</td><td>{@code JobData[]}, newest first; {@code status} (repeatable:
 *       {@code running|succeeded|failed|unknown})</td></tr>
 *   <tr><td>{@code jobs/{jobId}}</td><td>{@code JobData}, or 404 {@code unknown job: <id>}</td></tr>
 *   <tr><td>{@code stages}</td><td>{@code StageData[]}, newest first; {@code status}
 *       (repeatable: {@code active|complete|pending|failed|skipped}), {@code details} (false),
 *       {@code taskStatus} (repeatable, with details), {@code withSummaries} (false), {@code
 *       quantiles} ({@code 0.0,0.25,0.5,0.75,1.0})</td></tr>
 *   <tr><td>{@code stages/{stageId}}</td><td>{@code StageData[]} of all attempts, {@code details}
 *       true by default; 404 {@code unknown stage: <id>}</td></tr>
 *   <tr><td>{@code stages/{stageId}/{attemptId}}</td><td>{@code StageData}; 404 {@code unknown
 *       attempt for stage <id>.  Found attempts: [..]}</td></tr>
 *   <tr><td>{@code stages/{stageId}/{attemptId}/taskSummary}</td><td>{@code
 *       TaskMetricDistributions} over successful tasks; {@code quantiles} ({@code
 *       0.05,0.25,0.5,0.75,0.95}); 400 {@code Bad value for parameter "quantiles".  Expected a
 *       double, got "foo"}</td></tr>
 *   <tr><td>{@code stages/{stageId}/{attemptId}/taskList}</td><td>{@code TaskData[]}; {@code
 *       offset} (0), {@code length} (20), {@code sortBy} ({@code ID}, {@code
 *       INCREASING_RUNTIME}/{@code runtime}, {@code DECREASING_RUNTIME}/{@code -runtime}), {@code
 *       status} (repeatable)</td></tr>
 *   <tr><td>{@code executors}, {@code allexecutors}</td><td>{@code ExecutorSummary[]}, active
 *       or all, id descending</td></tr>
 *   <tr><td>{@code environment}</td><td>{@code ApplicationEnvironmentInfo}</td></tr>
 *   <tr><td>{@code storage/rdd}, {@code storage/rdd/{rddId}}</td><td>{@code RDDStorageInfo[]}
 *       (cached RDDs), {@code RDDStorageInfo}</td></tr>
 *   <tr><td>{@code allmiscellaneousprocess}</td><td>{@code ProcessSummary[]}</td></tr>
 *   <tr><td>{@code logs}</td><td>a zip of the event log files of all attempts ({@code
 *       /applications/{appId}/logs}) or one, each entry byte for byte the file; no replay</td></tr>
 * </table>
 *
 * <p>An unknown application or attempt gets 404 {@code no such app: <appId>[/<attemptId>]}, as in
 * Spark; so does an application with attempt ids asked for without one.
 *
 * <p>With {@link AccessControl} on, a request that must prove its user and does not gets 401 with
 * a {@code WWW-Authenticate} challenge, and one whose user may not see the application 403 {@code
 * user "<user>" is not authorized}, Spark's answer, for every per-application resource and the
 * event logs; the application list and {@code /applications/{appId}} answer everyone, as in Spark.
 *
 * <p>JSON is {@code application/json}; errors are {@code text/plain} with Spark's message. {@code
 * HEAD} is answered like {@code GET} without a body; other methods get 405.
 *
 * <p>Deliberate differences from Spark:
 *
 * <ul>
 *   <li>An unconvertible {@code limit}, {@code status}, {@code offset}, {@code length} or {@code
 *       sortBy} gets 400 {@code Bad value for parameter "limit". Expected a int, got "x"} (the
 *       wording of Spark's {@code BadParameterException}); Spark's JAX-RS layer answers such values
 *       with a bare 404. An unparseable date gets Spark's own 400 {@code Couldn't parse date:
 *       <value>}.
 *   <li>An application id or attempt id outside {@link ApplicationIds}' shapes gets 400 {@code
 *       Invalid application id}; Spark would look it up and answer 404.
 *   <li>{@code streaming} answers 501 until it is replayed; {@code threads}
 *       answers 503, as Spark's history server does for a finished application.
 *   <li>{@code sql}: a running execution's duration runs to the log's latest event, not the wall
 *       clock; {@code length} of at most 0 or a negative {@code offset} answer 400 (Spark: 500).
 *   <li>Streaming blocks in block updates are not replayed (neither is streaming).
 *   <li>A running application's driver {@code totalDuration} and running tasks' durations end at
 *       the log's latest event, where Spark uses the wall clock, so answers stay reproducible.
 *   <li>A running attempt's {@code lastUpdated} is its log's modification time. Spark uses the time
 *       its scan noticed the log grow, because HDFS does not update modification times while a file
 *       is written; on local disks and object stores the file time is the truer signal, and a
 *       crashed application no longer looks fresh after a restart.
 * </ul>
 *
 * <p>Thread-safe; each request reads one listing snapshot.
 */
public final class SparkApiHandler implements HttpHandler {

  /**
   * What {@code /version} reports: the Spark release whose {@code /api/v1} answers this server
   * reproduces (its JSON shapes and golden files come from Spark 4.1 and master). Clients use it to
   * decide which fields to expect, so it names the API, not the versions of the applications
   * listed, which each attempt reports as {@code appSparkVersion}.
   */
  public static final String COMPATIBLE_SPARK_VERSION = "4.1.2";

  private static final Logger LOG = LoggerFactory.getLogger(SparkApiHandler.class);

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain;charset=utf-8";

  /** Spark's per-application sub-resources, answered from a replay (or 501 without one). */
  private static final Set<String> REPLAY_RESOURCES =
      Set.of(
          "jobs",
          "stages",
          "executors",
          "allexecutors",
          "allmiscellaneousprocess",
          "storage",
          "environment",
          "logs",
          "threads",
          "sql",
          "streaming");

  private final ApplicationCatalog catalog;
  private final AppStoreCache replays;
  private final String basePath;
  private final Clock clock;
  private final Liveness liveness;
  private final SparkJson json;
  private final StatusJson statusJson = new StatusJson();
  private final AccessControl access;

  /**
   * @param catalog where the listing comes from
   * @param replays the replayed attempts behind per-application resources; null to answer them with
   *     501
   * @param basePath the path the handler is mounted at, e.g. {@code /api/v1}
   * @param clock decides whether {@code maxEndDate} is in the future, for running applications
   */
  public SparkApiHandler(
      ApplicationCatalog catalog, AppStoreCache replays, String basePath, Clock clock) {
    this(catalog, replays, basePath, clock, Liveness.NEVER_ABANDONED);
  }

  /**
   * @param liveness which attempts without an end event are shown as abandoned rather than running
   */
  public SparkApiHandler(
      ApplicationCatalog catalog,
      AppStoreCache replays,
      String basePath,
      Clock clock,
      Liveness liveness) {
    this(catalog, replays, basePath, clock, liveness, AccessControl.OPEN);
  }

  /**
   * @param access who may see what: every request is identified, and each application's resources
   *     and event logs are checked against its ACLs (the list and {@code /applications/{appId}}
   *     are not, as in Spark)
   */
  public SparkApiHandler(
      ApplicationCatalog catalog,
      AppStoreCache replays,
      String basePath,
      Clock clock,
      Liveness liveness,
      AccessControl access) {
    this.access = Objects.requireNonNull(access, "access");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.replays = replays;
    this.basePath = stripTrailingSlash(Objects.requireNonNull(basePath, "basePath"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.json = new SparkJson(liveness, clock);
  }

  /** A handler that lists applications only; per-application resources answer 501. */
  public SparkApiHandler(ApplicationCatalog catalog, String basePath, Clock clock) {
    this(catalog, null, basePath, clock);
  }

  /** A handler at {@code /api/v1} on the system clock. */
  public SparkApiHandler(ApplicationCatalog catalog) {
    this(catalog, "/api/v1", Clock.systemUTC());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        throw new ApiException(405, "Method not allowed: " + method);
      }
      Identity identity =
          access.identify(
              exchange.getRemoteAddress().getAddress(),
              name -> exchange.getRequestHeaders().getFirst(name));
      route(exchange, segments(exchange.getRequestURI().getRawPath()), identity);
    } catch (ApiException e) {
      sendText(exchange, e.status(), e.getMessage());
    } catch (AccessDenied e) {
      if (e.challenge() != null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", e.challenge());
      }
      sendText(exchange, e.status(), e.getMessage());
    } catch (IOException e) {
      // The client went away mid-answer; nothing left to tell it.
      LOG.debug("Failed to answer {}: {}", exchange.getRequestURI(), e.toString());
    } catch (RuntimeException e) {
      LOG.error("Failed to answer {}", exchange.getRequestURI(), e);
      sendText(exchange, 500, "Internal server error");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, List<String> path, Identity identity)
      throws IOException, AccessDenied {
    if (path.size() == 1 && path.get(0).equals("version")) {
      sendJson(exchange, out -> json.writeVersion(out, COMPATIBLE_SPARK_VERSION));
      return;
    }
    if (path.isEmpty() || !path.get(0).equals("applications")) {
      throw ApiException.notFound("Unknown path");
    }
    if (path.size() == 1) {
      ApplicationQuery query =
          ApplicationQuery.from(QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
      List<ApplicationSummary> apps =
          query.apply(catalog.listing().applications(), clock.millis(), liveness);
      sendJson(exchange, out -> json.writeApplications(out, apps));
      return;
    }
    String appId = path.get(1);
    if (!ApplicationIds.isValidAppId(appId)) {
      throw ApiException.badRequest("Invalid application id");
    }
    Optional<ApplicationSummary> app = catalog.application(appId);
    if (path.size() == 2) {
      ApplicationSummary found =
          app.orElseThrow(() -> ApiException.notFound("unknown app: " + appId));
      sendJson(exchange, out -> json.writeApplication(out, found));
      return;
    }
    String third = path.get(2);
    if (path.size() == 3 && third.equals("logs")) {
      ApplicationSummary found =
          app.orElseThrow(() -> ApiException.notFound("no such app: " + appId));
      access.checkViewAll(identity, found.attempts());
      sendLogs(exchange, "eventLogs-" + appId + ".zip", found.attempts());
      return;
    }
    if (REPLAY_RESOURCES.contains(third)) {
      // Like Spark, no attempt id means the attempt without one; multi-attempt apps need it.
      Optional<AttemptSummary> attempt = app.flatMap(a -> findAttempt(a, null));
      replayResource(exchange, attempt, appId, path.subList(2, path.size()), identity);
      return;
    }
    if (!ApplicationIds.isValidAttemptId(third)) {
      throw ApiException.badRequest("Invalid attempt id");
    }
    Optional<AttemptSummary> attempt = app.flatMap(a -> findAttempt(a, third));
    if (path.size() == 3) {
      AttemptSummary found =
          attempt.orElseThrow(
              () -> ApiException.notFound("unknown app " + appId + ", attempt " + third));
      sendJson(exchange, out -> json.writeAttempt(out, found));
      return;
    }
    if (path.size() == 4 && path.get(3).equals("logs")) {
      AttemptSummary found =
          attempt.orElseThrow(() -> ApiException.notFound("no such app: " + appId + "/" + third));
      access.checkView(identity, found);
      sendLogs(exchange, "eventLogs-" + appId + "-" + third + ".zip", List.of(found));
      return;
    }
    if (REPLAY_RESOURCES.contains(path.get(3))) {
      replayResource(
          exchange, attempt, appId + "/" + third, path.subList(3, path.size()), identity);
      return;
    }
    throw ApiException.notFound("Unknown path");
  }

  /** Answers a per-application resource from the attempt's replay. */
  private void replayResource(
      HttpExchange exchange,
      Optional<AttemptSummary> attempt,
      String appKey,
      List<String> resource,
      Identity identity)
      throws IOException, AccessDenied {
    if (attempt.isEmpty()) {
      throw ApiException.notFound("no such app: " + appKey);
    }
    access.checkView(identity, attempt.get());
    if (replays == null) {
      throw new ApiException(
          501, "Not implemented yet: this history server lists applications only");
    }
    QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
    Optional<AppStore> store;
    try {
      store = replays.get(attempt.get().logKey());
    } catch (IOException e) {
      LOG.warn("Cannot replay {}: {}", attempt.get().logKey(), e.toString());
      throw new ApiException(500, "Cannot read the event log of " + appKey);
    }
    if (store.isEmpty()) {
      // The log went away between the listing and this request.
      throw ApiException.notFound("no such app: " + appKey);
    }
    // Rendered under the state's read lock, so a resume of a running log (which takes the write
    // lock) never changes it mid-answer; sent after the lock is released, so a slow client never
    // holds up a resume.
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(8192);
    java.util.concurrent.locks.Lock lock = store.get().state().lock().readLock();
    lock.lock();
    try {
      ApplicationResources.Answer answer =
          ApplicationResources.answer(store.get(), resource, query);
      statusJson.write(body, answer::write);
    } finally {
      lock.unlock();
    }
    sendJson(exchange, body::writeTo);
  }

  /** Streams the event logs of {@code attempts} as a zip attachment. */
  private void sendLogs(HttpExchange exchange, String fileName, List<AttemptSummary> attempts)
      throws IOException {
    if (replays == null) {
      throw new ApiException(
          501, "Not implemented yet: this history server lists applications only");
    }
    List<LocatedLog> logs = new ArrayList<>();
    for (AttemptSummary attempt : attempts) {
      replays.locator().locate(attempt.logKey()).ifPresent(logs::add);
    }
    if (logs.isEmpty()) {
      throw ApiException.notFound("Event logs are not available for this application");
    }
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/octet-stream");
    // The file name is built from validated ids only, so it needs no quoting beyond the quotes.
    headers.set("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    headers.set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      EventLogZip.write(out, logs);
    }
  }

  /** The attempt with this id; {@code null} finds the attempt without an id. */
  private static Optional<AttemptSummary> findAttempt(ApplicationSummary app, String attemptId) {
    for (AttemptSummary attempt : app.attempts()) {
      if (Objects.equals(attemptId, attempt.attemptId())) {
        return Optional.of(attempt);
      }
    }
    return Optional.empty();
  }

  /** The percent-decoded segments after the base path; a trailing slash is ignored, like Spark. */
  private List<String> segments(String rawPath) {
    if (!rawPath.startsWith(basePath)) {
      throw ApiException.notFound("Unknown path");
    }
    String rest = stripTrailingSlash(rawPath.substring(basePath.length()));
    List<String> segments = new ArrayList<>();
    if (rest.isEmpty()) {
      return segments;
    }
    if (!rest.startsWith("/")) {
      // The server matched /api/v1 as a string prefix of, say, /api/v1x.
      throw ApiException.notFound("Unknown path");
    }
    for (String raw : rest.substring(1).split("/", -1)) {
      if (raw.isEmpty()) {
        throw ApiException.notFound("Unknown path");
      }
      segments.add(PathSegments.decode(raw));
    }
    return segments;
  }

  private static String stripTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static void sendJson(HttpExchange exchange, JsonBody body) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", JSON);
    headers.set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    // Chunked: a listing of many thousand applications is streamed, not buffered.
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      body.writeTo(out);
    }
  }

  private static void sendText(HttpExchange exchange, int status, String message) {
    try {
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", TEXT);
      headers.set("X-Content-Type-Options", "nosniff");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Headers were already sent (a failure mid-stream) or the client is gone.
      LOG.debug(
          "Could not send error {} for {}: {}", status, exchange.getRequestURI(), e.toString());
    }
  }

  /** Writes a JSON body; a lambda over {@link SparkJson}. */
  @FunctionalInterface
  private interface JsonBody {
    void writeTo(OutputStream out) throws IOException;
  }
}
