package io.pipelens.agent.output.otlp;

import static io.pipelens.agent.output.TestRecords.batch;
import static io.pipelens.agent.output.TestRecords.records;
import static io.pipelens.agent.output.TestRecords.sparkPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.output.OutputStoppedException;
import io.pipelens.agent.output.internal.OutputMetrics;
import io.pipelens.agent.output.otlp.ScriptedCollector.Answer;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.testsupport.TestCertificates;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpOutputTest {

  private static final String TOKEN = "s3cr3t-token";
  private static final Resource POD = sparkPod("spark-app-1", "uid-1");

  private ScriptedCollector collector;
  private SimpleMeterRegistry registry;
  private Liveness liveness;
  private OtlpOutput output;

  @BeforeEach
  void startCollector() throws Exception {
    collector = new ScriptedCollector(TOKEN);
    registry = new SimpleMeterRegistry();
    liveness = new Liveness("agent", registry);
  }

  @AfterEach
  void stopEverything() {
    if (output != null) {
      output.stop(Duration.ZERO);
    }
    collector.close();
  }

  @Test
  void postsGzippedProtobufWithTheBearerTokenAndCompletesOnlyAfter2xx() throws Exception {
    start("headers: {X-Tenant: team-a}\n", TOKEN);
    List<LogRecord> sent = records(POD, "engine", "/var/log/driver.log", 0, 20);

    output.send(batch(sent)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(collector.received()).hasSize(1);
    ScriptedCollector.Received request = collector.received().get(0);
    assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(request.contentType()).isEqualTo("application/x-protobuf");
    assertThat(request.contentEncoding()).isEqualTo("gzip");
    assertThat(request.headers().get("X-tenant")).containsExactly("team-a");
    assertThat(request.records()).isEqualTo(sent);
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(20);
  }

  @Test
  void postsOverHttpsToACollectorWhoseCertificateItTrusts(@TempDir Path dir) throws Exception {
    TestCertificates certificates = TestCertificates.generate(dir);
    collector.close();
    collector = new ScriptedCollector(TOKEN, certificates.serverContext());
    assertThat(collector.endpoint()).startsWith("https://127.0.0.1:");
    start("tls: {ca_file: " + certificates.certificatePem() + "}\n", TOKEN);
    List<LogRecord> sent = records(POD, "engine", "/var/log/driver.log", 0, 5);

    output.send(batch(sent)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(collector.received()).singleElement().satisfies(request -> {
      assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
      assertThat(request.records()).isEqualTo(sent);
    });
  }

  @Test
  void sendsNothingToAnHttpsCollectorItDoesNotTrust(@TempDir Path dir) throws Exception {
    TestCertificates served = TestCertificates.generate(Files.createDirectories(dir.resolve("served")));
    TestCertificates other = TestCertificates.generate(Files.createDirectories(dir.resolve("other")));
    collector.close();
    collector = new ScriptedCollector(TOKEN, served.serverContext());
    start("tls: {ca_file: " + other.certificatePem() + "}\n", TOKEN);

    CompletableFuture<Void> stage =
        output.send(batch(records(POD, "engine", "/var/log/driver.log", 0, 5))).toCompletableFuture();

    // Retried, never delivered: the handshake fails before the token or a record leaves.
    awaitCount(() -> counter(OutputMetrics.RETRIES) >= 2);
    assertThat(stage).isNotDone();
    assertThat(collector.received()).isEmpty();
  }

  private static void awaitCount(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition within 20 s").isTrue();
  }

  @Test
  void waitsForRetryAfterSecondsOn503() throws Exception {
    start("", TOKEN);
    collector.script(Answer.retryAfter(503, "1"));
    List<LogRecord> sent = records(POD, "engine", "/a.log", 0, 5);

    output.send(batch(sent)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(collector.received()).hasSize(2);
    assertThat(gapMillis(0, 1)).isGreaterThanOrEqualTo(950);
    assertThat(collector.acceptedRecords()).isEqualTo(sent);
    assertThat(counter(OutputMetrics.RETRIES)).isEqualTo(1);
    assertThat(registry.get(OutputMetrics.FAILED).tag("error_type", "http_503").counter().count())
        .isEqualTo(1);
  }

  @Test
  void waitsForRetryAfterHttpDateOn429() throws Exception {
    start("", TOKEN);
    String inTwoSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    collector.script(Answer.retryAfter(429, inTwoSeconds));

    output.send(batch(records(POD, "engine", "/a.log", 0, 5))).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(collector.received()).hasSize(2);
    // The date has whole seconds, so the wait is between 1 and 2 s.
    assertThat(gapMillis(0, 1)).isGreaterThanOrEqualTo(950);
  }

  @Test
  void retriesServerErrorsUntilAccepted() throws Exception {
    start("", TOKEN);
    collector.script(Answer.status(500, "boom"), Answer.status(502, "bad gateway"), Answer.status(408, ""));
    List<LogRecord> sent = records(POD, "engine", "/a.log", 0, 5);

    output.send(batch(sent)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(collector.received()).extracting(ScriptedCollector.Received::answeredStatus)
        .containsExactly(500, 502, 408, 200);
    assertThat(collector.acceptedRecords()).isEqualTo(sent);
    assertThat(counter(OutputMetrics.RETRIES)).isEqualTo(3);
    assertThat(counter(OutputMetrics.REJECTED_RECORDS)).isZero();
  }

  @Test
  void a400IsRejectedForGoodCountedAndDoesNotBlockLaterBatches() throws Exception {
    start("", TOKEN);
    collector.script(Answer.status(400, "field severity_number out of range"));
    List<LogRecord> refused = records(POD, "engine", "/a.log", 0, 7);
    List<LogRecord> next = records(POD, "engine", "/a.log", 700, 3);

    CompletionStage<Void> first = output.send(batch(refused));
    CompletionStage<Void> second = output.send(batch(next));

    // As documented: the stage completes normally, so the checkpoint can move past the refused
    // records instead of retrying a 400 forever.
    first.toCompletableFuture().get(10, TimeUnit.SECONDS);
    second.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(collector.received()).extracting(ScriptedCollector.Received::answeredStatus)
        .containsExactly(400, 200);
    assertThat(collector.acceptedRecords()).isEqualTo(next);
    assertThat(counter(OutputMetrics.REJECTED_RECORDS)).isEqualTo(7);
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(3);
  }

  @Test
  void aWrongTokenIsRetriedNotDroppedAndStopFailsTheStage() throws Exception {
    start("", "not-the-token");
    CompletionStage<Void> stage = output.send(batch(records(POD, "engine", "/a.log", 0, 4)));

    Thread.sleep(500);
    assertThat(stage.toCompletableFuture()).isNotDone();
    assertThat(collector.received().size()).isGreaterThan(1);
    assertThat(counter(OutputMetrics.REJECTED_RECORDS)).isZero();

    output.stop(Duration.ofMillis(200));
    assertThat(stage.toCompletableFuture())
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(Exception.class)
        .withCauseInstanceOf(OutputStoppedException.class);
  }

  @Test
  void stopWaitsForTheCollectorWithinTheDeadline() throws Exception {
    start("", TOKEN);
    collector.script(Answer.status(503, ""), Answer.status(503, ""));
    CompletionStage<Void> stage = output.send(batch(records(POD, "engine", "/a.log", 0, 4)));

    output.stop(Duration.ofSeconds(10));

    assertThat(stage.toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
    assertThat(collector.acceptedRecords()).hasSize(4);
  }

  @Test
  void splitsLargeBatchesAndKeepsTheOrderOfEverything() throws Exception {
    start("max_batch_size: 2KiB\n", TOKEN);
    List<LogRecord> all = new ArrayList<>();
    List<CompletionStage<Void>> stages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<LogRecord> records = records(POD, "engine", "/a.log", i * 10_000L, 60);
      all.addAll(records);
      stages.add(output.send(batch(records)));
    }
    for (CompletionStage<Void> stage : stages) {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    assertThat(collector.received().size()).isGreaterThan(6);
    assertThat(collector.acceptedRecords()).isEqualTo(all);
  }

  @Test
  void a413SplitsTheRequestInHalves() throws Exception {
    start("", TOKEN);
    collector.script(Answer.status(413, "too large"));
    List<LogRecord> sent = records(POD, "engine", "/a.log", 0, 10);

    output.send(batch(sent)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(collector.received()).extracting(r -> r.records().size()).containsExactly(10, 5, 5);
    assertThat(collector.acceptedRecords()).isEqualTo(sent);
    assertThat(counter(OutputMetrics.SENT_RECORDS)).isEqualTo(10);
  }

  @Test
  void sendAfterStopFailsAtOnce() throws Exception {
    start("", TOKEN);
    output.stop(Duration.ofSeconds(1));

    assertThat(output.send(batch(records(POD, "engine", "/a.log", 0, 1))).toCompletableFuture())
        .isCompletedExceptionally();
  }

  @Test
  void itsWorkerIsWatchedByLiveness() throws Exception {
    start("", TOKEN);

    assertThat(registry.get("pipelens.worker.failures").tag("worker", "agent.output.otlp.otlp-test").counter()
        .count()).isZero();
    assertThat(liveness.allAlive()).isTrue();
  }

  @Test
  void runsOnANamedThread() throws Exception {
    start("", TOKEN);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .contains("pipelens-agent-output-otlp-test");
  }

  private void start(String extraYaml, String token) throws Exception {
    String yaml =
        "endpoint: " + collector.endpoint() + "\n"
            + "token: " + token + "\n"
            + "retry: {initial_backoff: 10ms, max_backoff: 50ms}\n"
            + "timeout: 5s\n"
            + extraYaml;
    OtlpOutputConfig config =
        ConfigLoader.create(Map.of()).parse(yaml, "otlp.yaml", OtlpOutputConfig.class);
    output = OtlpOutput.create("otlp-test", config, registry, liveness);
    output.start();
  }

  private double counter(String name) {
    return registry.get(name).tag("output", "otlp-test").counter().count();
  }

  private long gapMillis(int first, int second) {
    return TimeUnit.NANOSECONDS.toMillis(
        collector.received().get(second).atNanos() - collector.received().get(first).atNanos());
  }
}
