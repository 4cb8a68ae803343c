package io.pipelens.collector.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.collector.deadletter.DeadLetterConfig;
import io.pipelens.collector.deadletter.FileDeadLetterQueue;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.testsupport.TestServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's own {@code _bulk} path (NDJSON bytes, {@code filter_path}, streaming response parser)
 * against the real Elasticsearch: item positions, item-level failures, 429 retries and dead letters.
 */
class BulkPathIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RestClient es;

  @BeforeAll
  static void connect() {
    es = RestClient.builder(org.apache.http.HttpHost.create(TestServers.elasticsearch().httpUri().toString())).build();
  }

  @AfterAll
  static void close() throws IOException {
    es.close();
  }

  @Test
  void filteredResponseKeepsEveryItemInPlaceWithItsStatusAndError() throws Exception {
    for (String index : List.of("bulkpath-filtered", "bulkpath-full")) {
      request("PUT", "/" + index, "{\"mappings\": {\"properties\": {\"n\": {\"type\": \"long\"}}}}");
    }
    // created, duplicate id, mapping conflict, created, unknown index name that is invalid
    String body = """
        {"create":{"_index":"%1$s","_id":"a"}}
        {"n":1}
        {"create":{"_index":"%1$s","_id":"a"}}
        {"n":2}
        {"create":{"_index":"%1$s","_id":"b"}}
        {"n":"not a number"}
        {"create":{"_index":"%1$s","_id":"c"}}
        {"n":3}
        {"create":{"_index":"%1$s-Upper","_id":"d"}}
        {"n":4}
        """;
    Request filtered = new Request("POST", "/_bulk");
    filtered.addParameter("filter_path", BulkItems.FILTER_PATH);
    filtered.setEntity(new StringEntity(body.formatted("bulkpath-filtered"), ContentType.create("application/x-ndjson")));
    Response response = es.performRequest(filtered);
    byte[] filteredBody = EntityUtils.toByteArray(response.getEntity());
    BulkItems items = BulkItems.read(new ByteArrayInputStream(filteredBody), 5);

    Request full = new Request("POST", "/_bulk");
    full.setEntity(new StringEntity(body.formatted("bulkpath-full"), ContentType.create("application/x-ndjson")));
    JsonNode unfiltered = JSON.readTree(EntityUtils.toByteArray(es.performRequest(full).getEntity())).path("items");

    assertThat(unfiltered).hasSize(5);
    for (int i = 0; i < 5; i++) {
      JsonNode item = unfiltered.get(i).path("create");
      assertThat(items.status(i)).as("status of item %d", i).isEqualTo(item.path("status").asInt());
      JsonNode error = item.path("error");
      if (error.isMissingNode()) {
        assertThat(items.error(i)).as("error of item %d", i).isNull();
      } else {
        assertThat(items.error(i).type()).isEqualTo(error.path("type").asText());
        // The reasons name their own index, which differs between the two requests.
        assertThat(items.error(i).reason()).isEqualTo(error.path("reason").asText()
            .replace("bulkpath-full", "bulkpath-filtered"));
      }
    }
    assertThat(new int[] {items.status(0), items.status(1), items.status(2), items.status(3), items.status(4)})
        .containsExactly(201, 409, 400, 201, 400);
    assertThat(items.error(1).type()).isEqualTo("version_conflict_engine_exception");
    assertThat(items.error(2).type()).isEqualTo("document_parsing_exception");
    assertThat(items.error(2).causeType()).isNotNull();
    assertThat(items.error(4).type()).isEqualTo("invalid_index_name_exception");
    assertThat(ElasticsearchSink.reason(400, items.error(2)))
        .startsWith("status 400: document_parsing_exception: ").contains("[n]", "(caused by ");
    // Only what the sink reads comes back: no _index, _id, _version or _shards per item.
    String text = new String(filteredBody, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("_shards", "_version", "\"_id\"", "\"took\"");
  }

  @Test
  void aResponseWithTooFewOrTooManyItemsOrNoStatusIsAnError() {
    assertThat(readFails("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}]}", 2))
        .contains("1 bulk items for 2 documents");
    assertThat(readFails("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":201}}]}", 1))
        .contains("more than 1 bulk items");
    assertThat(readFails("{\"errors\":true,\"items\":[{\"create\":{\"error\":{\"type\":\"x\"}}}]}", 1))
        .contains("without a status");
    assertThat(readFails("{\"error\":{\"type\":\"x\"},\"status\":400}", 1)).contains("0 bulk items for 1");
  }

  @Test
  void itemsRefusedWith429AreRetriedUntilAcceptedWhileOthersAreIndexedOrDeadLettered(@TempDir Path dir)
      throws Exception {
    // A flood-stage disk block: Elasticsearch answers 429 for every item into that index, what it
    // does when a node's disk is full, until the block is lifted.
    LogRecord first = line("blocked", 0, 0L);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Path dlq = dir.resolve("dlq.jsonl");
    FileDeadLetterQueue deadLetters = new FileDeadLetterQueue(dlq, Clock.systemUTC(), registry);
    deadLetters.start();
    ElasticsearchSinkConfig config = new ElasticsearchSinkConfig(
        List.of(TestServers.elasticsearch().httpUri().toString()), null, null, null, null,
        new BulkConfig(500, null, Duration.ofMillis(50), 1), "bp", 0, null, new DeadLetterConfig(null, dlq));
    ElasticsearchSink sink = new ElasticsearchSink(config, deadLetters, Clock.systemUTC(), registry);
    sink.start();
    try {
      sink.write(List.of(first)).get(30, TimeUnit.SECONDS);
      String blockedStream = "bp-engine.spark-blocked";
      // Settings of a data stream go to its backing indices (this distribution has no _data_stream API).
      String backing = blockedStream;
      request("PUT", "/" + backing + "/_settings", "{\"index.blocks.read_only_allow_delete\": true}");
      try {
        CompletableFuture<Void> write = sink.write(List.of(line("open", 0, 1L), line("blocked", 100, 2L),
            line("open", 100, "not-a-number"), line("open", 200, 3L)));
        await("the retries of the blocked document", () -> registry.counter("pipelens_collector_es_retries").count() >= 2);
        assertThat(write).isNotDone();
        assertThat(count("bp-engine.spark-open")).isEqualTo(2);
        List<String> letters = Files.readAllLines(dlq);
        assertThat(letters).hasSize(1);
        JsonNode letter = JSON.readTree(letters.get(0));
        assertThat(letter.path("stage").asText()).isEqualTo("index");
        assertThat(letter.path("origin").asText()).isEqualTo("bp-engine.spark-open");
        assertThat(letter.path("reason").asText()).startsWith("status 400: document_parsing_exception: ")
            .contains("log.offset");
        assertThat(registry.find("pipelens_collector_es_rejections").tag("reason", "document_parsing_exception")
            .counter().count()).isEqualTo(1);
        assertThat(registry.find("pipelens_collector_es_rejections").tag("reason", "cluster_block_exception")
            .counter()).isNull();

        request("PUT", "/" + backing + "/_settings", "{\"index.blocks.read_only_allow_delete\": null}");
        write.get(30, TimeUnit.SECONDS);
      } finally {
        request("PUT", "/" + backing + "/_settings", "{\"index.blocks.read_only_allow_delete\": null}");
      }
      assertThat(count(blockedStream)).isEqualTo(2);
      assertThat(Files.readAllLines(dlq)).hasSize(1);
      double sent = registry.find("pipelens_collector_sent_records").counters().stream()
          .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
      assertThat(sent).isEqualTo(4);
      assertThat(registry.find("pipelens_collector_bulk_latency").timer().count()).isGreaterThanOrEqualTo(3);
    } finally {
      sink.stop(Duration.ofSeconds(5));
      deadLetters.stop(Duration.ofSeconds(1));
    }
  }

  private static String readFails(String body, int expected) {
    try {
      BulkItems.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), expected);
      throw new AssertionError("read " + body + " as " + expected + " items");
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static LogRecord line(String namespace, long offset, Object logOffset) {
    Attributes.Builder attributes = Attributes.builder()
        .put(AttributeNames.PIPELENS_STREAM, "engine")
        .put(AttributeNames.LOG_FILE_PATH, "/var/log/driver.log");
    if (logOffset instanceof Long number) {
      attributes.put(AttributeNames.LOG_OFFSET, number);
    } else {
      attributes.put(AttributeNames.LOG_OFFSET, (String) logOffset);
    }
    return LogRecord.builder().timestamp(Instant.parse("2026-12-01T10:00:00Z").plusMillis(offset))
        .body("line " + offset + " of " + namespace)
        .resource(Resource.of(Attributes.builder()
            .put(AttributeNames.K8S_NAMESPACE_NAME, namespace)
            .put(AttributeNames.K8S_POD_UID, "uid-" + namespace)
            .put(AttributeNames.SPARK_APP_ID, "spark-1")
            .put(AttributeNames.PIPELENS_COMPUTE_TYPE, "fixed")
            .build()))
        .attributes(attributes.build())
        .build();
  }

  private static String request(String method, String path, String body) throws IOException {
    Request request = new Request(method, path);
    if (body != null) {
      request.setJsonEntity(body);
    }
    return EntityUtils.toString(es.performRequest(request).getEntity());
  }

  private static long count(String index) throws IOException {
    request("POST", "/" + index + "/_refresh", null);
    return JSON.readTree(request("GET", "/" + index + "/_count", null)).path("count").asLong();
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < end).as("timed out waiting for %s", what).isTrue();
      Thread.sleep(50);
    }
  }
}
