package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.codec.OtlpLogsCodec;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.LogRecord;
import io.pipelens.testsupport.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the integration tests share: a collector from YAML, Kafka and Elasticsearch helpers. */
final class Harness {

  static final ObjectMapper JSON = new ObjectMapper();
  static final OtlpLogsCodec CODEC = new OtlpLogsCodec();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Harness() {}

  static String es() {
    return TestServers.elasticsearch().httpUri().toString();
  }

  static String kafka() {
    return TestServers.kafka().bootstrapServers();
  }

  /**
   * A collector reading {@code topic} as {@code group} into data streams {@code <prefix>-*}, with
   * small bulk requests so tests do not wait; {@code extra} is appended to the YAML.
   */
  static Collector collector(String prefix, String topic, String group, String extra) throws Exception {
    return collector(prefix, topic, group, "{flush_interval: 200ms, max_actions: 500}", extra);
  }

  /** Same as {@link #collector(String, String, String, String)} with these {@code bulk} settings. */
  static Collector collector(String prefix, String topic, String group, String bulk, String extra)
      throws Exception {
    String yaml = """
        http: {host: 127.0.0.1, port: 0}
        shutdown_timeout: 10s
        kafka:
          brokers: ["%s"]
          group_id: %s
          topics: [%s]
        elasticsearch:
          urls: ["%s"]
          index_prefix: %s
          number_of_replicas: 0
          bulk: %s
          dead_letter: {kafka_topic: %s-dlq}
        """.formatted(kafka(), group, topic, es(), prefix, bulk, prefix) + extra;
    CollectorConfig config = ConfigLoader.create(Map.of()).parse(yaml, "test collector", CollectorConfig.class);
    Collector collector = Collector.create(config);
    collector.start();
    return collector;
  }

  static void produce(String topic, byte[]... values) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  static byte[] otlp(LogRecord... records) {
    return CODEC.encode(List.of(records));
  }

  /** Every message of {@code topic}, read from the start until {@code expected} arrived or 30 s. */
  static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (all.size() < expected && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
    }
    return all;
  }

  static JsonNode request(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(es() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return JSON.readTree(response.body());
  }

  /** The documents of {@code index} (a data stream or pattern), after a refresh. */
  static List<JsonNode> documents(String index) throws Exception {
    request("POST", "/" + index + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
    JsonNode result = request("POST", "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true",
        "{\"size\": 10000, \"sort\": [{\"@timestamp\": \"asc\"}]}");
    List<JsonNode> documents = new ArrayList<>();
    JsonNode hits = result.path("hits").path("hits");
    hits.forEach(documents::add);
    return documents;
  }

  static long count(String index) throws Exception {
    request("POST", "/" + index + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
    return request("GET", "/" + index + "/_count?ignore_unavailable=true&allow_no_indices=true", null)
        .path("count").asLong();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < end).as("timed out after %s waiting for %s", timeout, what).isTrue();
      Thread.sleep(100);
    }
  }

  static long awaitCount(String index, long expected, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    long count = count(index);
    while (count < expected && System.nanoTime() < end) {
      Thread.sleep(200);
      count = count(index);
    }
    return count;
  }

  /** The sum of the counters (else the first gauge) named {@code name} with {@code tags}, whatever their other tags. */
  static double meter(Collector collector, String name, String... tags) {
    var counters = collector.ops().registry().find(name).tags(tags).counters();
    if (!counters.isEmpty()) {
      return counters.stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
    var gauge = collector.ops().registry().find(name).tags(tags).gauge();
    return gauge == null ? 0 : gauge.value();
  }
}
