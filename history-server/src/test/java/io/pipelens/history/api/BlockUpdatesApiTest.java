package io.pipelens.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.history.listing.AttemptReader;
import io.pipelens.history.listing.ListingRefresher;
import io.pipelens.history.replay.EventLogReplayer;
import io.pipelens.history.source.LocalEventLogStore;
import io.pipelens.history.store.AppStoreCache;
import io.pipelens.history.store.ReplayObserver;
import io.pipelens.history.testing.Http;
import io.pipelens.history.testing.TestLogs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SparkListenerBlockUpdated} replayed as Spark 4.1's {@code AppStatusListener} applies it,
 * seen through {@code storage/rdd} and {@code executors}. The log is a real Spark log (RDD 0 is
 * declared {@code Memory Deserialized 1x Replicated}, 8 partitions; the driver's block manager has
 * 278302556 bytes and no on/off-heap split) with block updates added as Spark writes them; every
 * expected number is worked out from Spark's rules in the comments.
 */
class BlockUpdatesApiTest {

  private static final String APP_ID = TestLogs.LOCAL_1422981780767;
  private static final String APP = "/api/v1/applications/" + APP_ID;
  private static final long DRIVER_MAX = 278302556L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void cachedBlocksCountForTheRddAndTheExecutor() throws IOException {
    try (ApiServer server = serve(List.of(
        block("driver", "broadcast_0_piece0", true, false, false, 1000, 0),
        block("driver", "rdd_0_0", true, false, true, 100, 0),
        block("driver", "rdd_0_1", true, true, true, 50, 20),
        block("driver", "rdd_0_2", true, false, true, 30, 0),
        // rdd_0_2 dropped from memory: the block is gone.
        block("driver", "rdd_0_2", false, false, true, 30, 0),
        // A block of an RDD no stage declared cached: the executor counts it, no RDD lists it.
        block("driver", "rdd_7_0", true, false, true, 5, 0),
        // Broadcast memory after the last RDD block: Spark's distribution keeps its older view.
        block("driver", "broadcast_1", true, false, false, 400, 0)))) {
      JsonNode list = get(server, APP + "/storage/rdd");
      assertThat(list).hasSize(1);
      JsonNode rdd = get(server, APP + "/storage/rdd/0");
      assertThat(list.get(0)).isEqualTo(rdd);
      assertThat(rdd.get("numPartitions").asInt()).isEqualTo(8);
      assertThat(rdd.get("numCachedPartitions").asInt()).isEqualTo(2);
      assertThat(rdd.get("storageLevel").asText()).isEqualTo("Memory Deserialized 1x Replicated");
      // 100 + 50 + 30 - 30 in memory, 20 on disk.
      assertThat(rdd.get("memoryUsed").asLong()).isEqualTo(150);
      assertThat(rdd.get("diskUsed").asLong()).isEqualTo(20);

      JsonNode partitions = rdd.get("partitions");
      assertThat(partitions).hasSize(2);
      assertThat(partitions.get(0).get("blockName").asText()).isEqualTo("rdd_0_0");
      assertThat(partitions.get(0).get("storageLevel").asText())
          .isEqualTo("Memory Deserialized 1x Replicated");
      assertThat(partitions.get(0).get("memoryUsed").asLong()).isEqualTo(100);
      assertThat(partitions.get(0).get("executors").get(0).asText()).isEqualTo("driver");
      assertThat(partitions.get(1).get("blockName").asText()).isEqualTo("rdd_0_1");
      assertThat(partitions.get(1).get("storageLevel").asText())
          .as("memory and disk as the block uses them")
          .isEqualTo("Disk Memory Deserialized 1x Replicated");
      assertThat(partitions.get(1).get("diskUsed").asLong()).isEqualTo(20);

      JsonNode distribution = rdd.get("dataDistribution");
      assertThat(distribution).hasSize(1);
      JsonNode driver = distribution.get(0);
      assertThat(driver.get("address").asText()).isEqualTo("localhost:57971");
      assertThat(driver.get("memoryUsed").asLong()).isEqualTo(150);
      assertThat(driver.get("diskUsed").asLong()).isEqualTo(20);
      // Taken at the last block of a tracked RDD on the driver (rdd_0_2 dropped): 1000 + 150 in
      // use then. Spark recomputes it only for blocks of RDDs it tracks, so rdd_7_0 and the later
      // broadcast do not show.
      assertThat(driver.get("memoryRemaining").asLong()).isEqualTo(DRIVER_MAX - 1150);
      assertThat(driver.has("onHeapMemoryUsed")).as("no on/off-heap split in a 1.2 log").isFalse();

      JsonNode executor = get(server, APP + "/executors").get(0);
      assertThat(executor.get("id").asText()).isEqualTo("driver");
      assertThat(executor.get("memoryUsed").asLong()).isEqualTo(1000 + 150 + 5 + 400);
      assertThat(executor.get("diskUsed").asLong()).isEqualTo(20);
      assertThat(executor.get("rddBlocks").asInt()).as("rdd_0_0, rdd_0_1 (rdd_7_0 untracked)")
          .isEqualTo(2);
    }
  }

  @Test
  void anUnpersistedRddGivesItsMemoryBackAndLeavesTheList() throws IOException {
    try (ApiServer server = serve(List.of(
        block("driver", "broadcast_0", true, false, false, 1000, 0),
        block("driver", "rdd_0_0", true, false, true, 100, 0),
        block("driver", "rdd_0_1", true, true, true, 50, 20),
        "{\"Event\":\"SparkListenerUnpersistRDD\",\"RDD ID\":0}"))) {
      assertThat(get(server, APP + "/storage/rdd")).isEmpty();
      assertThat(Http.get(server.port(), APP + "/storage/rdd/0").statusCode()).isEqualTo(404);
      JsonNode executor = get(server, APP + "/executors").get(0);
      assertThat(executor.get("memoryUsed").asLong()).isEqualTo(1000);
      assertThat(executor.get("diskUsed").asLong()).isZero();
      assertThat(executor.get("rddBlocks").asInt()).isZero();
    }
  }

  @Test
  void executorsWithAMemorySplitAndARemovedExecutor() throws IOException {
    try (ApiServer server = serve(List.of(
        executorAdded("1", 1422981781000L),
        blockManagerAdded("1", 1_000_000, 600_000, 400_000),
        executorAdded("2", 1422981781000L),
        blockManagerAdded("2", 1_000_000, 600_000, 400_000),
        block("1", "broadcast_0", true, false, false, 7000, 0),
        block("1", "rdd_0_0", true, false, true, 100, 0),
        block("2", "rdd_0_1", true, false, true, 60, 0),
        // rdd_0_1 replicated to executor 1 as well.
        block("1", "rdd_0_1", true, false, true, 60, 0),
        executorRemoved("2", 1422981787000L)))) {
      JsonNode rdd = get(server, APP + "/storage/rdd/0");
      // Executor 2 goes: it held half of rdd_0_1 (120 bytes, 2 holders), so 60 leave with it.
      assertThat(rdd.get("memoryUsed").asLong()).isEqualTo(100 + 120 - 60);
      JsonNode partitions = rdd.get("partitions");
      assertThat(partitions.get(1).get("blockName").asText()).isEqualTo("rdd_0_1");
      assertThat(partitions.get(1).get("memoryUsed").asLong()).isEqualTo(60);
      assertThat(partitions.get(1).get("executors")).hasSize(1);
      assertThat(partitions.get(1).get("executors").get(0).asText()).isEqualTo("1");

      JsonNode distribution = rdd.get("dataDistribution");
      assertThat(distribution).as("executor 2's share is gone").hasSize(1);
      JsonNode one = distribution.get(0);
      assertThat(one.get("memoryUsed").asLong()).isEqualTo(160);
      assertThat(one.get("onHeapMemoryUsed").asLong()).isEqualTo(160);
      assertThat(one.get("offHeapMemoryUsed").asLong()).isZero();
      // 7000 + 100 + 60 in use on executor 1 at its last RDD block.
      assertThat(one.get("memoryRemaining").asLong()).isEqualTo(1_000_000 - 7160);
      assertThat(one.get("onHeapMemoryRemaining").asLong()).isEqualTo(600_000 - 7160);
      assertThat(one.get("offHeapMemoryRemaining").asLong()).isEqualTo(400_000);

      JsonNode executors = get(server, APP + "/allexecutors");
      JsonNode first = find(executors, "1");
      assertThat(first.get("memoryUsed").asLong()).isEqualTo(7160);
      assertThat(first.get("rddBlocks").asInt()).isEqualTo(2);
      assertThat(first.get("memoryMetrics").get("usedOnHeapStorageMemory").asLong())
          .isEqualTo(7160);
      JsonNode second = find(executors, "2");
      assertThat(second.get("isActive").asBoolean()).isFalse();
      assertThat(second.get("memoryUsed").asLong()).as("as it was when removed").isEqualTo(60);
    }
  }

  private ApiServer serve(List<String> added) throws IOException {
    List<String> lines = new ArrayList<>(TestLogs.lines(APP_ID));
    int end = TestLogs.indexOf(lines, "SparkListenerApplicationEnd");
    lines.addAll(end, added);
    TestLogs.write(dir.resolve(APP_ID), lines);
    ListingRefresher refresher =
        new ListingRefresher(List.of(new LocalEventLogStore(dir)), new AttemptReader());
    refresher.refresh();
    AppStoreCache replays =
        new AppStoreCache(refresher, new EventLogReplayer(), 4, ReplayObserver.NONE);
    return new ApiServer(refresher, replays, Clock.systemUTC());
  }

  /** A block update as Spark's JsonProtocol writes it. */
  static String block(String executor, String blockId, boolean memory, boolean disk,
      boolean deserialized, long memorySize, long diskSize) {
    return "{\"Event\":\"SparkListenerBlockUpdated\",\"Block Updated Info\":{\"Block Manager ID\":"
        + "{\"Executor ID\":\"" + executor + "\",\"Host\":\"localhost\",\"Port\":57971},"
        + "\"Block ID\":\"" + blockId + "\",\"Storage Level\":{\"Use Disk\":" + disk
        + ",\"Use Memory\":" + memory + ",\"Use Off Heap\":false,\"Deserialized\":" + deserialized
        + ",\"Replication\":1},\"Memory Size\":" + memorySize + ",\"Disk Size\":" + diskSize + "}}";
  }

  static String executorAdded(String id, long time) {
    return "{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":" + time + ",\"Executor ID\":\""
        + id + "\",\"Executor Info\":{\"Host\":\"host-" + id + "\",\"Total Cores\":2,"
        + "\"Log Urls\":{}}}";
  }

  static String blockManagerAdded(String id, long max, long onHeap, long offHeap) {
    return "{\"Event\":\"SparkListenerBlockManagerAdded\",\"Block Manager ID\":{\"Executor ID\":\""
        + id + "\",\"Host\":\"host-" + id + "\",\"Port\":7000},\"Maximum Memory\":" + max
        + ",\"Timestamp\":1422981781000,\"Maximum Onheap Memory\":" + onHeap
        + ",\"Maximum Offheap Memory\":" + offHeap + "}";
  }

  static String executorRemoved(String id, long time) {
    return "{\"Event\":\"SparkListenerExecutorRemoved\",\"Timestamp\":" + time
        + ",\"Executor ID\":\"" + id + "\",\"Removed Reason\":\"lost\"}";
  }

  private static JsonNode find(JsonNode executors, String id) {
    for (JsonNode executor : executors) {
      if (executor.get("id").asText().equals(id)) {
        return executor;
      }
    }
    throw new AssertionError("no executor " + id + " in " + executors);
  }

  private static JsonNode get(ApiServer server, String path) throws IOException {
    HttpResponse<String> response = Http.get(server.port(), path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
