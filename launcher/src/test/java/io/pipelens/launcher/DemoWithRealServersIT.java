package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.logsearch.LogHit;
import io.pipelens.logsearch.LogQuery;
import io.pipelens.logsearch.LogSearch;
import io.pipelens.logsearch.LuceneLogSearch;
import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code bin/pipelens demo --with-kafka --object-store}: the channel and the local archive switched
 * for real servers (test-support's Kafka and S3Proxy), and the fleet still reaches the history
 * server and the index. {@code --with-elasticsearch} is left out on purpose: starting Elasticsearch
 * would add 10 to 80 s to this module's run for a switch that only changes the collector's YAML,
 * which {@link DemoConfigsTest} loads, while the collector's Elasticsearch sink has its own ITs.
 */
class DemoWithRealServersIT {

  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void kafkaAndAnObjectStoreInPlaceOfTheChannelAndTheLocalArchive() throws Exception {
    long begin = System.nanoTime();
    KafkaServer kafka = TestServers.kafka();
    S3Server s3 = TestServers.s3();
    System.out.printf("DemoWithRealServersIT: Kafka and S3 ready after %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    try (S3Client client = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build()) {
      client.createBucket(b -> b.bucket("demo-events"));
    }
    int history = freePort();
    int collector = freePort();
    int agent = freePort();
    int serverlessAgent = freePort();
    ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/pipelens").toString(), "demo",
        "--data-dir", dir.resolve("demo").toString(), "--history-port", Integer.toString(history),
        "--collector-port", Integer.toString(collector), "--agent-port", Integer.toString(agent),
        "--serverless-agent-port", Integer.toString(serverlessAgent),
        "--with-kafka", kafka.bootstrapServers(), "--object-store", "s3://demo-events/spark")
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile());
    builder.environment().put("PIPELENS_NO_BUILD", "1");
    builder.environment().put(DemoConfigs.S3_ENDPOINT_ENV, s3.endpoint().toString());
    builder.environment().put(DemoConfigs.S3_REGION_ENV, s3.region());
    builder.environment().put("AWS_ACCESS_KEY_ID", s3.accessKey());
    builder.environment().put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    long launched = System.nanoTime();
    Process process = builder.start();
    try {
      URI apps = URI.create("http://127.0.0.1:" + history + "/api/v1/applications");
      JsonNode listed = await("the history server lists the applications from the bucket", process, () -> {
        HttpResponse<String> response = get(apps);
        JsonNode answer = response.statusCode() == 200 ? json.readTree(response.body()) : null;
        return answer != null && answer.size() == 4 ? answer : null;
      });
      System.out.printf("DemoWithRealServersIT: listed from the bucket %d ms after the launch%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));
      assertThat(listed.findValuesAsText("id")).contains("local-1422981780767", "application_1553914137147_0018");

      Path index = dir.resolve("demo/collector/index");
      List<LogHit> found = await("the executors' exceptions are searchable", process, () -> {
        if (!Files.isDirectory(index)) {
          return null;
        }
        try (LogSearch search = LuceneLogSearch.open(index)) {
          List<LogHit> hits = search.search(LogQuery.all().withSparkAppId("app-20161115172038-0000")
              .withText("bad exec").withExecutorId("2")).hits();
          return hits.size() >= 12 ? hits : null;
        } catch (IOException e) {
          return null; // no commit yet
        }
      });
      assertThat(found).hasSizeGreaterThanOrEqualTo(12);
      System.out.printf("DemoWithRealServersIT: searchable %d ms after the launch%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));

      assertThat(counter(agent, "pipelens_agent_output_sent_records_total", "output=\"kafka\"")).isPositive();
      assertThat(counter(collector, "pipelens_collector_received_records_total", "source=\"kafka\"")).isPositive();
      assertThat(counter(collector, "pipelens_collector_sent_records_total", "output=\"archive\"")).isPositive();
      assertThat(counter(serverlessAgent, "pipelens_agent_output_sent_records_total", "output=\"kafka\"")).isPositive();

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(ExitCode.OK);
      assertThat(process.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  private double counter(int port, String name, String label) throws Exception {
    String body = get(URI.create("http://127.0.0.1:" + port + "/metrics")).body();
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label)
        + "[^}]*\\} (\\S+)$").matcher(body);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private <T> T await(String what, Process process, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("pipelens demo exited with " + process.exitValue() + " while waiting until " + what
            + ": " + Files.readString(dir.resolve("err.log")) + Files.readString(dir.resolve("out.log")));
      }
      try {
        T value = probe.call();
        if (value != null) {
          return value;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not within 90 s: " + what + "; demo output: "
        + String.join("\n", lastLines(dir.resolve("out.log"))), last);
  }

  private static List<String> lastLines(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return lines.subList(Math.max(0, lines.size() - 40), lines.size());
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
