package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingOptions;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.source.EventLogDecoder;
import io.pipelens.history.source.EventLogStore;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.store.ReplayObserver;
import io.pipelens.history.testing.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every answer the API gives over a store, by request path: the listing and, for each attempt, the
 * replayed resources. Two stores holding the same logs must give the same answers.
 */
final class Answers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String[] RESOURCES = {
    "jobs", "stages?details=true", "allexecutors", "executors", "environment", "storage/rdd"
  };

  private Answers() {}

  /**
   * Serves {@code store} on a loopback server (closed before returning) and collects the answers.
   *
   * @param withoutUpdateTimes drop {@code lastUpdated}/{@code lastUpdatedEpoch} from the listing:
   *     they are the files' modification times, which differ between a disk and an object store
   */
  static Map<String, String> of(
      EventLogStore store, EventLogDecoder decoder, boolean withoutUpdateTimes)
      throws IOException {
    ListingRefresher refresher =
        new ListingRefresher(List.of(store), new AttemptReader(ListingOptions.DEFAULTS, decoder));
    ScanReport report = refresher.refresh();
    assertThat(report.skipped()).as("skipped in " + store.location()).isEmpty();
    assertThat(report.failedStores()).isEmpty();
    AppStoreCache replays =
        new AppStoreCache(
            refresher,
            new EventLogReplayer(EventLogReplayer.MAX_LINE_BYTES, decoder),
            16,
            ReplayObserver.NONE);
    Map<String, String> answers = new TreeMap<>();
    try (ApiServer server = new ApiServer(refresher, replays, CLOCK)) {
      String listing = get(server, "/api/v1/applications");
      JsonNode apps = JSON.readTree(listing);
      if (withoutUpdateTimes) {
        for (JsonNode app : apps) {
          for (JsonNode attempt : app.get("attempts")) {
            ((ObjectNode) attempt).remove(List.of("lastUpdated", "lastUpdatedEpoch"));
          }
        }
        listing = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(apps);
      }
      answers.put("applications", listing);
      for (JsonNode app : apps) {
        String id = app.get("id").asText();
        for (JsonNode attempt : app.get("attempts")) {
          String base =
              "/api/v1/applications/"
                  + id
                  + (attempt.has("attemptId") ? "/" + attempt.get("attemptId").asText() : "");
          for (String resource : RESOURCES) {
            String path = base + "/" + resource;
            answers.put(path, get(server, path));
          }
        }
      }
    }
    return answers;
  }

  /** Asserts both maps hold the same answers, naming the first path that differs. */
  static void assertSame(Map<String, String> actual, Map<String, String> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, String> answer : expected.entrySet()) {
      assertThat(actual.get(answer.getKey())).as(answer.getKey()).isEqualTo(answer.getValue());
    }
  }

  private static String get(ApiServer server, String path) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
