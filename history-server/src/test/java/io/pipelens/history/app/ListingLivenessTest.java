package io.pipelens.history.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.source.EventLogStore;
import io.pipelens.history.source.StoreEntry;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.runtime.ops.OpsServer;
import io.pipelens.testsupport.OpsEndpoints;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listing scan ended by an error stops the scans for good, and the ops server says so. */
class ListingLivenessTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Liveness liveness = new Liveness("history-server", registry);
  private ListingScheduler scheduler;
  private OpsServer ops;

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.stop(Duration.ofSeconds(1));
    }
    if (ops != null) {
      ops.stop(Duration.ofSeconds(1));
    }
    registry.close();
  }

  /**
   * A store whose client is missing a class, as a store library left out of a shaded jar would be:
   * the listing catches a store's exceptions, not this.
   */
  private static final class BrokenClientStore implements EventLogStore {
    final AtomicInteger lists = new AtomicInteger();

    @Override
    public String location() {
      return "s3://logs/";
    }

    @Override
    public List<StoreEntry> list(String directory) {
      lists.incrementAndGet();
      throw new NoClassDefFoundError("software/amazon/awssdk/services/s3/model/ListObjectsV2Request");
    }

    @Override
    public InputStream openRange(String path, long offset, long length) {
      throw new UnsupportedOperationException("never listed anything");
    }
  }

  @Test
  void aScanEndedByAnErrorFailsHealthzNamingTheListing() throws Exception {
    BrokenClientStore store = new BrokenClientStore();
    ListingRefresher refresher = new ListingRefresher(List.of(store), new AttemptReader());
    scheduler = new ListingScheduler(refresher, new HistoryMetrics(registry, refresher), Duration.ofMillis(10), liveness);
    ops = OpsServer.builder().host("127.0.0.1").registry(registry).liveness(liveness).build();
    ops.start();

    scheduler.start();
    HttpResponse<String> health = awaitHealthz(503);

    JsonNode dead = new ObjectMapper().readTree(health.body()).get("dead_workers").get("history-server.listing");
    assertThat(dead.get("error").asText()).isEqualTo("java.lang.NoClassDefFoundError");
    assertThat(registry.get(Liveness.FAILURES_METER).tag("worker", "history-server.listing").counter().count())
        .isEqualTo(1);
    assertThat(store.lists.get()).as("later scans are cancelled, as before; the restart is what helps").isEqualTo(1);
  }

  private HttpResponse<String> awaitHealthz(int status) throws Exception {
    HttpResponse<String> response =
        OpsEndpoints.awaitStatus(ops.port(), "/healthz", code -> code == status, Duration.ofSeconds(30));
    assertThat(response.statusCode()).as("/healthz: %s", response.body()).isEqualTo(status);
    return response;
  }
}
