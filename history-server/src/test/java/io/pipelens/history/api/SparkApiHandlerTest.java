package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkApiHandlerTest {

  /** Spark's golden answer for {@code applications/local-1422981780767}, verbatim. */
  private static final String ONE_APP =
      """
      {
        "id" : "local-1422981780767",
        "name" : "Spark shell",
        "attempts" : [ {
          "startTime" : "2015-02-03T16:42:59.720GMT",
          "endTime" : "2015-02-03T16:43:08.731GMT",
          "lastUpdated" : "",
          "duration" : 9011,
          "sparkUser" : "irashid",
          "completed" : true,
          "appSparkVersion" : "",
          "endTimeEpoch" : 1422981788731,
          "startTimeEpoch" : 1422981779720,
          "lastUpdatedEpoch" : 0
        } ]
      }\
      """;

  /** Spark's golden answer for {@code applications/local-1426533911241}, verbatim. */
  private static final String MULTI_ATTEMPT_APP =
      """
      {
        "id" : "local-1426533911241",
        "name" : "Spark shell",
        "attempts" : [ {
          "attemptId" : "2",
          "startTime" : "2015-03-17T23:11:50.242GMT",
          "endTime" : "2015-03-17T23:12:25.177GMT",
          "lastUpdated" : "",
          "duration" : 34935,
          "sparkUser" : "irashid",
          "completed" : true,
          "appSparkVersion" : "",
          "endTimeEpoch" : 1426633945177,
          "startTimeEpoch" : 1426633910242,
          "lastUpdatedEpoch" : 0
        }, {
          "attemptId" : "1",
          "startTime" : "2015-03-16T19:25:10.242GMT",
          "endTime" : "2015-03-16T19:25:45.177GMT",
          "lastUpdated" : "",
          "duration" : 34935,
          "sparkUser" : "irashid",
          "completed" : true,
          "appSparkVersion" : "",
          "endTimeEpoch" : 1426533945177,
          "startTimeEpoch" : 1426533910242,
          "lastUpdatedEpoch" : 0
        } ]
      }\
      """;

  /** "Now" for the running-application filter: 2024-01-01. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ListingRefresher refresher;
  private ApiServer server;

  @BeforeEach
  void start() throws IOException {
    TestLogs.copy(
        dir,
        TestLogs.LOCAL_1422981780767,
        TestLogs.ATTEMPT_1,
        TestLogs.ATTEMPT_2,
        TestLogs.YARN_3_0);
    refresher = new ListingRefresher(List.of(new LocalEventLogStore(dir)), new AttemptReader());
    refresher.refresh();
    server = new ApiServer(refresher, CLOCK);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersOneApplicationByteForByteLikeSpark() throws IOException {
    HttpResponse<String> single = get("/api/v1/applications/local-1422981780767");
    HttpResponse<String> multi = get("/api/v1/applications/local-1426533911241");

    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(single.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(blankLastUpdated(single.body())).isEqualTo(ONE_APP);
    assertThat(blankLastUpdated(multi.body())).isEqualTo(MULTI_ATTEMPT_APP);
  }

  @Test
  void anApplicationWrittenAfterTheLastScanIsAnsweredOnDemand() throws IOException {
    TestLogs.copy(dir, TestLogs.SQL_3_3);
    assertThat(refresher.listing().application(TestLogs.SQL_3_3)).as("no scan saw it").isEmpty();

    HttpResponse<String> app = get("/api/v1/applications/" + TestLogs.SQL_3_3);

    assertThat(app.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(app.body()).get("id").asText()).isEqualTo(TestLogs.SQL_3_3);
    assertThat(json("/api/v1/applications").size()).as("listed from then on").isEqualTo(4);
    assertThat(get("/api/v1/applications/local-1000000000000").statusCode()).isEqualTo(404);
  }

  @Test
  void listsApplicationsByEndTimeDescending() throws IOException {
    JsonNode list = json("/api/v1/applications");

    assertThat(ids(list))
        .containsExactly(
            "application_1555004656427_0144", "local-1426533911241", "local-1422981780767");
    JsonNode yarn = list.get(0);
    assertThat(yarn.get("name").asText()).isEqualTo("Spark shell");
    assertThat(yarn.has("coresGranted")).as("absent, not null, as in Spark").isFalse();
    JsonNode attempt = yarn.get("attempts").get(0);
    assertThat(attempt.has("attemptId")).isFalse();
    assertThat(attempt.get("appSparkVersion").asText()).isEqualTo("3.0.0-SNAPSHOT");
    assertThat(attempt.get("startTime").asText()).isEqualTo("2019-07-02T21:02:17.180GMT");
    assertThat(attempt.get("duration").asLong()).isEqualTo(18794);
    assertThat(attempt.get("lastUpdatedEpoch").asLong())
        .isEqualTo(dir.resolve(TestLogs.YARN_3_0).toFile().lastModified());
    assertThat(get("/api/v1/applications/").statusCode()).as("trailing slash").isEqualTo(200);
  }

  @Test
  void filtersLikeSpark() throws IOException {
    assertThat(ids(json("/api/v1/applications?status=completed"))).hasSize(3);
    assertThat(ids(json("/api/v1/applications?status=running"))).isEmpty();
    assertThat(ids(json("/api/v1/applications?status=RUNNING&status=Completed"))).hasSize(3);
    assertThat(ids(json("/api/v1/applications?minDate=2016-01-01")))
        .containsExactly("application_1555004656427_0144");
    assertThat(ids(json("/api/v1/applications?maxDate=2015-02-10")))
        .containsExactly("local-1422981780767");
    assertThat(ids(json("/api/v1/applications?maxDate=2015-02-03T16:42:59.720GMT")))
        .as("inclusive, with time of day")
        .containsExactly("local-1422981780767");
    assertThat(ids(json("/api/v1/applications?maxDate=2015-02-03T16:42:59.719GMT"))).isEmpty();
    assertThat(ids(json("/api/v1/applications?minEndDate=2015-03-16&maxEndDate=2015-03-17")))
        .as("any attempt in range keeps the application")
        .containsExactly("local-1426533911241");
    assertThat(ids(json("/api/v1/applications?limit=2")))
        .containsExactly("application_1555004656427_0144", "local-1426533911241");
    assertThat(ids(json("/api/v1/applications?limit=0"))).isEmpty();
    assertThat(ids(json("/api/v1/applications?limit=-1"))).isEmpty();
    assertThat(ids(json("/api/v1/applications?unknown=1"))).hasSize(3);
  }

  @Test
  void listsRunningApplicationsAsSparkDoes() throws IOException {
    List<String> lines = TestLogs.lines(TestLogs.LOCAL_1422981780767);
    List<String> running = new ArrayList<>();
    for (String line : lines.subList(0, 20)) {
      running.add(line.replace("local-1422981780767", "local-1500000000000"));
    }
    TestLogs.write(dir.resolve("local-1500000000000.inprogress"), running);
    refresher.refresh();

    JsonNode list = json("/api/v1/applications?status=running");
    assertThat(ids(list)).containsExactly("local-1500000000000");
    JsonNode attempt = list.get(0).get("attempts").get(0);
    assertThat(attempt.get("completed").asBoolean()).isFalse();
    assertThat(attempt.get("endTime").asText()).isEqualTo("1969-12-31T23:59:59.999GMT");
    assertThat(attempt.get("endTimeEpoch").asLong()).isEqualTo(-1);
    assertThat(attempt.get("duration").asLong()).isZero();
    assertThat(ids(json("/api/v1/applications")).get(3))
        .as("running sorts last")
        .isEqualTo("local-1500000000000");
    assertThat(ids(json("/api/v1/applications?status=running&maxEndDate=2023-12-31")))
        .as("a maxEndDate in the past excludes running applications")
        .isEmpty();
    assertThat(ids(json("/api/v1/applications?status=running&maxEndDate=2024-01-02"))).hasSize(1);
  }

  @Test
  void answersAttemptsByTheirId() throws IOException {
    JsonNode attempt = json("/api/v1/applications/local-1426533911241/1");
    assertThat(attempt.get("attemptId").asText()).isEqualTo("1");
    assertThat(attempt.get("startTimeEpoch").asLong()).isEqualTo(1426533910242L);

    HttpResponse<String> missing = get("/api/v1/applications/local-1426533911241/3");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("unknown app local-1426533911241, attempt 3");
  }

  @Test
  void rejectsBadRequestsWithSparksMessages() throws IOException {
    assertError(get("/api/v1/applications/foobar"), 404, "unknown app: foobar");
    assertError(
        get("/api/v1/applications?limit=x"),
        400,
        "Bad value for parameter \"limit\".  Expected a int, got \"x\"");
    assertError(
        get("/api/v1/applications?minDate=2015-xx-01"), 400, "Couldn't parse date: 2015-xx-01");
    assertError(
        get("/api/v1/applications?status=finished"),
        400,
        "Bad value for parameter \"status\".  Expected a application status (completed or running),"
            + " got \"finished\"");
    assertError(get("/api/v1/applications/foobar/jobs"), 404, "no such app: foobar");
    assertThat(get("/api/v1/applications/local-1422981780767/jobs").statusCode()).isEqualTo(501);
    assertThat(get("/api/v1/applications/local-1426533911241/1/stages").statusCode())
        .isEqualTo(501);
    assertError(
        get("/api/v1/applications/local-1426533911241/9/stages"),
        404,
        "no such app: local-1426533911241/9");
    assertThat(get("/api/v1/nothing").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1x/applications").statusCode()).isEqualTo(404);
  }

  @Test
  void noRequestPathReachesTheFileSystem() throws IOException {
    for (String target :
        List.of(
            "/api/v1/applications/../../../etc/passwd",
            "/api/v1/applications/..",
            "/api/v1/applications/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/api/v1/applications/local-1422981780767/..%2F..%2Fsecret",
            "/api/v1/applications/a%00b",
            "/api/v1/applications/%E2%80%AEevil")) {
      String answer = Http.raw(server.port(), target);
      assertThat(answer).as(target).startsWith("HTTP/1.1 400");
      assertThat(lastLine(answer)).as(target).isIn("Invalid application id", "Invalid attempt id");
    }
    assertThat(Http.raw(server.port(), "/api/v1/applications/%zz")).startsWith("HTTP/1.1 400");
  }

  @Test
  void reportsTheSparkVersionItIsCompatibleWith() throws IOException {
    HttpResponse<String> version = get("/api/v1/version");

    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(version.body()).get("spark").asText())
        .isEqualTo(SparkApiHandler.COMPATIBLE_SPARK_VERSION);
  }

  @Test
  void answersHeadWithoutBodyAndRefusesWrites() throws IOException {
    HttpResponse<String> head = Http.send(server.port(), "HEAD", "/api/v1/applications");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();

    HttpResponse<String> post = Http.send(server.port(), "POST", "/api/v1/applications");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void formatsDatesLikeSpark() {
    assertThat(SparkDates.format(1422981779720L)).isEqualTo("2015-02-03T16:42:59.720GMT");
    assertThat(SparkDates.format(-1)).isEqualTo("1969-12-31T23:59:59.999GMT");
    assertThat(SparkDates.parseParameter("2015-02-03T16:42:40.000GMT")).isEqualTo(1422981760000L);
    assertThat(SparkDates.parseParameter("2015-02-10")).isEqualTo(1423526400000L);
    assertThat(SparkDates.parseParameter("2015-02-03T17:42:40.000GMT+01:00"))
        .isEqualTo(1422981760000L);
  }

  private HttpResponse<String> get(String path) throws IOException {
    return Http.get(server.port(), path);
  }

  private JsonNode json(String path) throws IOException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(app -> ids.add(app.get("id").asText()));
    return ids;
  }

  private static void assertError(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
    assertThat(response.body()).isEqualTo(message);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
  }

  /** What Spark's suite does before comparing: blank the values that depend on file times. */
  static String blankLastUpdated(String json) {
    return json.replaceAll("\"lastUpdated\" : \"[^\"]*\"", "\"lastUpdated\" : \"\"")
        .replaceAll("\"lastUpdatedEpoch\" : \\d+", "\"lastUpdatedEpoch\" : 0");
  }

  private static String lastLine(String answer) {
    return answer.substring(answer.lastIndexOf('\n') + 1);
  }
}
