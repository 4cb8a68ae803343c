package io.pipelens.collector.it;

import static io.pipelens.collector.it.Harness.awaitCount;
import static io.pipelens.collector.it.Harness.documents;
import static io.pipelens.collector.it.Harness.meter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.collector.app.Collector;
import io.pipelens.core.codec.OtlpJsonLogsCodec;
import io.pipelens.core.record.AttributeNames;
import io.pipelens.core.record.Attributes;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.core.record.Severity;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP → collector → Elasticsearch, and the receiver's refusals. */
class OtlpReceiverIT {

  private static final String TOKEN = "token-of-team-a";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Collector collector;

  @BeforeAll
  static void start() throws Exception {
    collector = Harness.collector("ot", "otlp-same", "g-otlp", """
        otlp:
          http: {host: 127.0.0.1, port: 0}
          grpc: {enabled: false}
          tokens:
            - {token: %s, team: team-a}
          max_request_size: 64KiB
        """.formatted(TOKEN));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void servesNoGrpcWhenTurnedOff() {
    assertThatThrownBy(collector::otlpGrpcPort).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesRequestsWithoutAValidToken() throws Exception {
    byte[] body = Harness.otlp(sdkRecord("unauthorized"));
    assertThat(post(body, "application/x-protobuf", null, null).statusCode()).isEqualTo(401);
    HttpResponse<byte[]> wrong = post(body, "application/x-protobuf", "Bearer not-a-token", null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(meter(collector, "pipelens_collector_otlp_requests", "code", "401")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void refusesBodiesLargerThanTheLimitAsSentAndDecompressed() throws Exception {
    byte[] large = new byte[100 * 1024];
    assertThat(post(large, "application/x-protobuf", "Bearer " + TOKEN, null).statusCode()).isEqualTo(413);
    // 100 KiB of zeros gzip to about 100 bytes: only the decompressed size can catch it.
    byte[] bomb = gzip(large);
    assertThat(bomb.length).isLessThan(1024);
    HttpResponse<byte[]> response = post(bomb, "application/x-protobuf", "Bearer " + TOKEN, "gzip");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new String(response.body())).contains("decompressed request body is larger than max_request_size");
  }

  @Test
  void refusesWhatIsNotOtlp() throws Exception {
    assertThat(post("garbage".getBytes(), "application/x-protobuf", "Bearer " + TOKEN, null).statusCode())
        .isEqualTo(400);
    assertThat(post("{}".getBytes(), "text/plain", "Bearer " + TOKEN, null).statusCode()).isEqualTo(415);
  }

  @Test
  void protobufAndGzippedJsonAreAnsweredOnlyOnceSearchable() throws Exception {
    HttpResponse<byte[]> proto = post(Harness.otlp(sdkRecord("via protobuf")), "application/x-protobuf",
        "Bearer " + TOKEN, null);
    assertThat(proto.statusCode()).isEqualTo(200);
    byte[] json = new OtlpJsonLogsCodec().encode(List.of(sdkRecord("via json")));
    HttpResponse<byte[]> viaJson = post(gzip(json), "application/json; charset=utf-8", "Bearer " + TOKEN, "gzip");
    assertThat(viaJson.statusCode()).isEqualTo(200);
    assertThat(new String(viaJson.body())).isEqualTo("{}");

    // 200 means stored: no waiting beyond a refresh.
    List<JsonNode> docs = documents("ot-business.generic-serverless_ns");
    assertThat(docs).extracting(doc -> doc.path("_source").path("message").asText())
        .contains("via protobuf", "via json");
    JsonNode source = docs.stream().filter(doc -> doc.path("_source").path("message").asText().equals("via json"))
        .findFirst().orElseThrow().path("_source");
    assertThat(source.path("pipelens").path("compute_type").asText()).isEqualTo("serverless");
    assertThat(source.path("pipelens").path("team").asText()).isEqualTo("team-a");
    assertThat(source.path("pipelens").path("stream").asText()).isEqualTo("business");
    assertThat(source.path("log").path("level").asText()).isEqualTo("error");
    assertThat(source.path("trace").path("id").asText()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
  }

  @Test
  void theSameLogViaKafkaAndViaOtlpDiffersOnlyInComputeType() throws Exception {
    Resource resource = Resource.of(Attributes.builder()
        .put(AttributeNames.K8S_NAMESPACE_NAME, "same")
        .put(AttributeNames.K8S_POD_NAME, "job-2-exec-1")
        .put(AttributeNames.SPARK_APP_ID, "spark-0002")
        .put(AttributeNames.PIPELENS_TEAM, "team-a")
        .build());
    LogRecord record = LogRecord.builder().timestamp(Records.T0).observedTimestamp(Records.T0.plusSeconds(1))
        .severity(Severity.INFO).body("same line").resource(resource)
        .attributes(Attributes.builder().put(AttributeNames.PIPELENS_STREAM, "business").put("k", "v").build())
        .build();
    Harness.produce("otlp-same", Harness.otlp(record));
    assertThat(post(Harness.otlp(record), "application/x-protobuf", "Bearer " + TOKEN, null).statusCode())
        .isEqualTo(200);

    String stream = "ot-business.spark-same";
    assertThat(awaitCount(stream, 2, Duration.ofSeconds(30))).isEqualTo(2);
    List<JsonNode> docs = documents(stream);
    ObjectNode fixed = (ObjectNode) docs.get(0).path("_source").deepCopy();
    ObjectNode serverless = (ObjectNode) docs.get(1).path("_source").deepCopy();
    if (fixed.path("pipelens").path("compute_type").asText().equals("serverless")) {
      ObjectNode swap = fixed;
      fixed = serverless;
      serverless = swap;
    }
    assertThat(fixed.path("pipelens").path("compute_type").asText()).isEqualTo("fixed");
    assertThat(serverless.path("pipelens").path("compute_type").asText()).isEqualTo("serverless");
    ((ObjectNode) fixed.path("pipelens")).remove("compute_type");
    ((ObjectNode) serverless.path("pipelens")).remove("compute_type");
    // event.id is the document id, which hashes the whole record (compute type included) here.
    assertThat(fixed.path("event").path("id").asText()).isEqualTo(docs.stream()
        .filter(d -> d.path("_source").path("pipelens").path("compute_type").asText().equals("fixed"))
        .findFirst().orElseThrow().path("_id").asText());
    ((ObjectNode) fixed.path("event")).remove("id");
    ((ObjectNode) serverless.path("event")).remove("id");
    assertThat(serverless).isEqualTo(fixed);
  }

  private static LogRecord sdkRecord(String message) {
    return LogRecord.builder()
        .timestamp(Records.T0)
        .severity(Severity.ERROR)
        .body(message)
        .traceId(io.pipelens.core.record.TraceId.fromHex("0102030405060708090a0b0c0d0e0f10"))
        .resource(Resource.of(Attributes.builder()
            .put(AttributeNames.K8S_NAMESPACE_NAME, "serverless-ns")
            .put(AttributeNames.PIPELENS_TEAM, "spoofed-team")
            .put("service.name", "tokenizer")
            .build()))
        .build();
  }

  private static HttpResponse<byte[]> post(byte[] body, String contentType, String authorization, String encoding)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + collector.otlpPort() + "/v1/logs"))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
