package io.pipelens.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.testsupport.KafkaServer;
import io.pipelens.testsupport.S3Server;
import io.pipelens.testsupport.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code bin/pipelens demo --with-kafka --object-store}: the channel and the local archive switched
 * for real servers (test-support's Kafka and S3Proxy), and the fleet still reaches the history
 * server and the index. {@code --with-elasticsearch} is left out on purpose: starting Elasticsearch
 * would add 10 to 80 s to this module's run for a switch that only changes the collector's YAML,
 * which {@link DemoConfigsTest} loads, while the collector's Elasticsearch sink has its own ITs.
 */
class DemoWithRealServersIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void kafkaAndAnObjectStoreInPlaceOfTheChannelAndTheLocalArchive() throws Exception {
    long begin = System.nanoTime();
    KafkaServer kafka = TestServers.kafka();
    S3Server s3 = TestServers.s3();
    System.out.printf("DemoWithRealServersIT: Kafka and S3 ready after %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    try (S3Client client = s3.client()) {
      client.createBucket(b -> b.bucket("demo-events"));
    }
    Map<String, String> env = Map.of(
        DemoConfigs.S3_ENDPOINT_ENV, s3.endpoint().toString(),
        DemoConfigs.S3_REGION_ENV, s3.region(),
        "AWS_ACCESS_KEY_ID", s3.accessKey(),
        "AWS_SECRET_ACCESS_KEY", s3.secretKey());
    try (DemoRun demo = DemoRun.start(dir,
        List.of("--with-kafka", kafka.bootstrapServers(), "--object-store", "s3://demo-events/spark"), env)) {
      JsonNode listed = demo.await("the history server lists the applications from the bucket", WAIT, () -> {
        JsonNode answer = demo.historyJson("/api/v1/applications");
        return answer != null && answer.size() == 4 ? answer : null;
      });
      System.out.printf("DemoWithRealServersIT: listed from the bucket %d ms after the launch%n",
          demo.millisSinceLaunch());
      assertThat(listed.findValuesAsText("id")).contains("local-1422981780767", "application_1553914137147_0018");

      JsonNode found = demo.await("the executors' exceptions are searchable", WAIT, () ->
          demo.logHits("app-20161115172038-0000", "&executor=2", "bad exec", 12));
      assertThat(found).hasSizeGreaterThanOrEqualTo(12);
      System.out.printf("DemoWithRealServersIT: searchable %d ms after the launch%n", demo.millisSinceLaunch());

      assertThat(demo.counter(demo.agentPort, "pipelens_agent_output_sent_records_total", "output=\"kafka\""))
          .isPositive();
      assertThat(demo.counter(demo.collectorPort, "pipelens_collector_received_records_total", "source=\"kafka\""))
          .isPositive();
      assertThat(demo.counter(demo.collectorPort, "pipelens_collector_sent_records_total", "output=\"archive\""))
          .isPositive();
      assertThat(demo.counter(demo.serverlessAgentPort, "pipelens_agent_output_sent_records_total",
          "output=\"kafka\"")).isPositive();
      demo.stopCleanly();
    }
  }
}
