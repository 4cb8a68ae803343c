package io.pipelens.history.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationListingTest {

  @Test
  void groupsAttemptsAndOrdersLikeSpark() {
    ApplicationListing listing =
        ApplicationListing.of(
            List.of(
                attempt("app-a", null, 100, 200, "k1", "Spark shell"),
                attempt("app-b", "1", 10, 20, "k2", "Spark shell"),
                attempt("app-b", "2", 30, 300, "k3", "Spark shell"),
                attempt("app-c", null, 500, -1, "k4", "Spark shell"),
                attempt("app-d", null, 50, 200, "k5", "Spark shell")));

    assertThat(listing.applications().stream().map(ApplicationSummary::id))
        .as("by newest attempt's end time, descending; ties by id descending; running last")
        .containsExactly("app-b", "app-d", "app-a", "app-c");
    ApplicationSummary b = listing.application("app-b").orElseThrow();
    assertThat(b.attempts().stream().map(AttemptSummary::attemptId)).containsExactly("2", "1");
    assertThat(b.running()).isFalse();
    assertThat(listing.application("app-c").orElseThrow().running()).isTrue();
    assertThat(listing.application("nope")).isEmpty();
    assertThat(listing.size()).isEqualTo(4);
  }

  @Test
  void theNewestAttemptDecidesStatusAndName() {
    ApplicationListing listing =
        ApplicationListing.of(
            List.of(
                attempt("app", "1", 10, 20, "k1", "old name"),
                attempt("app", "2", 30, -1, "k2", "new name")));

    ApplicationSummary app = listing.applications().get(0);
    assertThat(app.running()).isTrue();
    assertThat(app.name()).isEqualTo("new name");
  }

  @Test
  void twoLogsOfOneAttemptShowTheCompletedOne() {
    ApplicationListing listing =
        ApplicationListing.of(
            List.of(
                attempt("app", null, 10, -1, "file:/logs/app.inprogress", "n"),
                attempt("app", null, 10, 20, "file:/logs/app", "n")));

    assertThat(listing.applications().get(0).attempts())
        .singleElement()
        .extracting(AttemptSummary::logKey)
        .isEqualTo("file:/logs/app");
  }

  /** A summary whose end time -1 means running, as in Spark. */
  private static AttemptSummary attempt(
      String appId, String attemptId, long start, long end, String key, String name) {
    boolean completed = end >= 0;
    return new AttemptSummary(
        appId,
        name,
        attemptId,
        start,
        end,
        1_000,
        completed ? end - start : 0,
        "user",
        completed,
        "3.5.0",
        key);
  }
}
