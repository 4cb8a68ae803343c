package io.pipelens.history.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.listing.ApplicationListing;
import io.pipelens.history.listing.ApplicationSummary;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.listing.ScanReport;
import io.pipelens.history.source.LocalEventLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleEventLogsTest {

  @TempDir Path dir;

  @Test
  void theBundledSamplesListAsFourApplications() throws IOException {
    Path logs = SampleEventLogs.copyTo(dir.resolve("spark-events"));
    assertThat(
            Files.isRegularFile(
                logs.resolve("eventlog_v2_local-1766844910796/appstatus_local-1766844910796")))
        .isTrue();

    ListingRefresher refresher =
        new ListingRefresher(List.of(new LocalEventLogStore(logs)), new AttemptReader());
    ScanReport report = refresher.refresh();
    ApplicationListing listing = refresher.listing();

    assertThat(report.skipped()).isEmpty();
    assertThat(report.parseErrors().total()).isZero();
    assertThat(listing.applications().stream().map(ApplicationSummary::id))
        .containsExactly(
            "local-1766844910796",
            "application_1578436911597_0052",
            "local-1430917381535",
            "application_1553914137147_0018");
    assertThat(
            listing
                .application("local-1766844910796")
                .orElseThrow()
                .latestAttempt()
                .appSparkVersion())
        .isEqualTo("4.2.0-SNAPSHOT");
    assertThat(listing.application("local-1430917381535").orElseThrow().attempts()).hasSize(2);
    ApplicationSummary running =
        listing.application("application_1553914137147_0018").orElseThrow();
    assertThat(running.running()).isTrue();
    assertThat(running.name()).isEqualTo("LargeBlocks");
  }
}
