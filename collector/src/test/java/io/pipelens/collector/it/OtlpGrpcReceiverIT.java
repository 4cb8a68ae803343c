package io.pipelens.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pipelens.collector.app.Collector;
import io.pipelens.collector.app.CollectorConfig;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.logsearch.LogHit;
import io.pipelens.logsearch.LogQuery;
import io.pipelens.logsearch.LogSearch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP/gRPC into the collector with grpc-java and the generated OTLP stubs, the client an
 * OpenTelemetry Collector or SDK exporter is built on: records land in the embedded Lucene index
 * before the call returns; bad tokens, oversized and undecodable messages are refused; and under
 * pressure the collector answers with the statuses and RetryInfo that make OTLP clients retry.
 */
class OtlpGrpcReceiverIT {

  private static final String TOKEN = "grpc-token-of-team-g";

  @TempDir
  Path dir;

  @Test
  void exportIsAnsweredOnceSearchableAndStampedWithTheTokensTeam() throws Exception {
    try (Collector collector = start(dir, "max_request_size: 64KiB", "")) {
      ManagedChannel channel = channel(collector, InsecureChannelCredentials.create());
      try {
        LogsServiceGrpc.LogsServiceBlockingStub stub = LogsServiceGrpc.newBlockingStub(channel)
            .withInterceptors(bearer(TOKEN));
        stub.export(request("grpc-ns", "plain over grpc", 1));
        stub.withCompression("gzip").export(request("grpc-ns", "gzipped over grpc", 2));

        try (LogSearch search = collector.search()) {
          List<LogHit> hits = search.search(LogQuery.all().withNamespace("grpc-ns")).hits();
          assertThat(hits).extracting(LogHit::message)
              .containsExactlyInAnyOrder("plain over grpc", "gzipped over grpc");
          assertThat(hits).allSatisfy(hit -> {
            Map<?, ?> pipelens = (Map<?, ?>) hit.source().get("pipelens");
            assertThat(pipelens.get("team")).isEqualTo("team-g");
            assertThat(pipelens.get("compute_type")).isEqualTo("serverless");
          });
        }
        assertThat(Harness.meter(collector, "pipelens_collector_otlp_grpc_requests", "code", "OK")).isEqualTo(2);
        assertThat(Harness.meter(collector, "pipelens_collector_received_records", "source", "otlp")).isEqualTo(2);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void refusesBadTokensOversizedAndUndecodableMessages() throws Exception {
    try (Collector collector = start(dir, "max_request_size: 64KiB", "")) {
      ManagedChannel channel = channel(collector, InsecureChannelCredentials.create());
      try {
        LogsServiceGrpc.LogsServiceBlockingStub stub = LogsServiceGrpc.newBlockingStub(channel);
        assertThat(code(() -> stub.export(request("ns", "no token", 1)))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(code(() -> stub.withInterceptors(bearer("wrong")).export(request("ns", "wrong token", 1))))
            .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(Harness.meter(collector, "pipelens_collector_otlp_grpc_requests", "code", "UNAUTHENTICATED"))
            .isEqualTo(2);

        LogsServiceGrpc.LogsServiceBlockingStub authorized = stub.withInterceptors(bearer(TOKEN));
        String large = "x".repeat(100 * 1024);
        StatusRuntimeException tooLarge = failure(() -> authorized.export(request("ns", large, 1)));
        assertThat(tooLarge.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(retryDelay(tooLarge)).as("an oversized request is not to be retried").isNull();
        // 100 KiB of one letter gzip to a few hundred bytes: only the decompressed size catches it.
        assertThat(code(() -> authorized.withCompression("gzip").export(request("ns", large, 1))))
            .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("opentelemetry.proto.collector.logs.v1.LogsService/Export")
            .setRequestMarshaller(new BytesMarshaller()).setResponseMarshaller(new BytesMarshaller()).build();
        assertThat(code(() -> ClientCalls.blockingUnaryCall(channel.newCall(raw, CallOptions.DEFAULT),
            new byte[] {(byte) 0xff, 0x01, 0x02})))
            .as("without a token, not even decoded").isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(code(() -> ClientCalls.blockingUnaryCall(
            io.grpc.ClientInterceptors.intercept(channel, bearer(TOKEN)).newCall(raw, CallOptions.DEFAULT),
            new byte[] {(byte) 0xff, 0x01, 0x02})))
            .isEqualTo(Status.Code.INVALID_ARGUMENT);

        try (LogSearch search = collector.search()) {
          assertThat(search.search(LogQuery.all()).hits()).isEmpty();
        }
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void underPressureAnswersRetryableStatusesWithRetryInfo() throws Exception {
    // Nothing is committed within the test, so every record stays pending: 2 fit, then the sink is
    // full. One request of about 700 bytes fills the in-flight budget.
    String limits = "max_request_size: 1KiB\n  max_in_flight_bytes: 1KiB\n  ack_timeout: 1s";
    String lucene = "lucene: {commit_interval: 1h, max_pending_documents: 2}";
    try (Collector collector = start(dir, limits, lucene)) {
      ManagedChannel channel = channel(collector, InsecureChannelCredentials.create());
      try {
        LogsServiceGrpc.LogsServiceFutureStub async = LogsServiceGrpc.newFutureStub(channel).withInterceptors(bearer(TOKEN));
        LogsServiceGrpc.LogsServiceBlockingStub stub = LogsServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(TOKEN));
        String text = "y".repeat(600);
        var first = async.export(request("ns", text, 1));
        Harness.await("the first request to be held", Duration.ofSeconds(10),
            () -> Harness.meter(collector, "pipelens_collector_received_records", "source", "otlp") >= 1);

        StatusRuntimeException busy = failure(() -> stub.export(request("ns", text, 2)));
        assertThat(busy.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(retryDelay(busy)).isEqualTo(Duration.ofSeconds(1));

        StatusRuntimeException notStored = failure(() -> {
          try {
            first.get(10, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            throw (StatusRuntimeException) e.getCause();
          }
        });
        assertThat(notStored.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(notStored.getStatus().getDescription()).contains("not stored within 1s");
        assertThat(retryDelay(notStored)).isEqualTo(Duration.ofSeconds(5));

        assertThat(code(() -> stub.export(request("ns", "second pending record", 3)))).isEqualTo(Status.Code.UNAVAILABLE);
        StatusRuntimeException full = failure(() -> stub.export(request("ns", "sink is full", 4)));
        assertThat(full.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(full.getStatus().getDescription()).contains("cannot store records right now");
        assertThat(retryDelay(full)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Harness.meter(collector, "pipelens_collector_received_records", "source", "otlp"))
            .as("the refused requests were not decoded").isEqualTo(2);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void bothReceiversServeTheConfiguredCertificate() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor()).as("openssl: " + output).isZero();
    String tls = "tls: {cert_file: %s, key_file: %s}".formatted(cert, key);
    try (Collector collector = start(dir, tls, "")) {
      ManagedChannel channel = channel(collector, TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build());
      try {
        LogsServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(TOKEN)).export(request("tls-ns", "over tls", 1));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build();
      HttpResponse<String> response = https.send(HttpRequest.newBuilder(
              URI.create("https://127.0.0.1:" + collector.otlpPort() + "/v1/logs"))
          .header("Content-Type", "application/x-protobuf")
          .header("Authorization", "Bearer " + TOKEN)
          .POST(HttpRequest.BodyPublishers.ofByteArray(request("tls-ns", "over https", 2).toByteArray()))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      try (LogSearch search = collector.search()) {
        assertThat(search.search(LogQuery.all().withNamespace("tls-ns")).hits()).extracting(LogHit::message)
            .containsExactlyInAnyOrder("over tls", "over https");
      }
    }
  }

  private static Collector start(Path dir, String otlpExtra, String extra) throws Exception {
    String yaml = """
        http: {host: 127.0.0.1, port: 0}
        data_dir: %s
        %s
        otlp:
          http: {host: 127.0.0.1, port: 0}
          grpc: {host: 127.0.0.1, port: 0}
          tokens:
            - {token: %s, team: team-g}
          %s
        """.formatted(dir.resolve("data"), extra.isEmpty() ? "lucene: {commit_interval: 100ms}" : extra, TOKEN,
        otlpExtra);
    CollectorConfig config = ConfigLoader.create(Map.of()).parse(yaml, "test collector", CollectorConfig.class);
    Collector collector = Collector.create(config);
    collector.start();
    return collector;
  }

  private static ManagedChannel channel(Collector collector, ChannelCredentials credentials) {
    // "localhost" so the certificate's name is checked; the port is bound on 127.0.0.1.
    return Grpc.newChannelBuilderForAddress("localhost", collector.otlpGrpcPort(), credentials).build();
  }

  private static io.grpc.ClientInterceptor bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  private static ExportLogsServiceRequest request(String namespace, String body, long offset) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(attribute("k8s.namespace.name", namespace))
            .addAttributes(attribute("k8s.pod.name", "tokenizer-0"))
            .addAttributes(attribute("service.name", "tokenizer")))
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
            .setTimeUnixNano(1_740_823_200_000_000_000L + offset)
            .setSeverityText("INFO")
            .setSeverityNumberValue(9)
            .setBody(AnyValue.newBuilder().setStringValue(body)))))
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private interface Call {
    void run() throws Exception;
  }

  private static Status.Code code(Call call) throws Exception {
    return failure(call).getStatus().getCode();
  }

  private static StatusRuntimeException failure(Call call) throws Exception {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  private static Duration retryDelay(StatusRuntimeException e) throws Exception {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return null;
    }
    assertThat(status.getCode()).isEqualTo(e.getStatus().getCode().value());
    for (com.google.protobuf.Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
        return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
      }
    }
    return null;
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      store.setCertificateEntry("otlp", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
