package io.pipelens.agent.output.kafka;

import static io.pipelens.agent.output.TestRecords.batch;
import static io.pipelens.agent.output.TestRecords.records;
import static io.pipelens.agent.output.TestRecords.sparkPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.runtime.liveness.Liveness;
import io.pipelens.testsupport.SecureKafkaServer;
import io.pipelens.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka output under ACLs, as a DaemonSet's user usually is: allowed to write its topics but
 * not to read their configuration. Against a real broker that checks ACLs (StandardAuthorizer),
 * through its {@code SASL_SSL} listener as a user that may do only what the test grants.
 */
class KafkaOutputAclIT {

  // Below the default batch_size (1023 KiB), so that a known limit lowers the producer's batch.size.
  private static final int TOPIC_LIMIT = 200_000;

  private final SecureKafkaServer kafka = TestServers.secureKafka();
  private final List<KafkaOutput> outputs = new ArrayList<>();

  @AfterEach
  void stopOutputs() {
    outputs.forEach(output -> output.stop(Duration.ofSeconds(2)));
  }

  @Test
  void withoutDescribeConfigsTheOutputShipsWithItsBatchSizeAndStopsAsking() throws Exception {
    String topic = topicGranting(AclOperation.WRITE, AclOperation.DESCRIBE);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaOutput output = start(topic, registry);

    output.send(batch(records(sparkPod("spark-app-acl", "uid-acl"), "engine", "/var/log/a.log", 0, 20)))
        .toCompletableFuture().get(60, TimeUnit.SECONDS);

    await(() -> output.topicLimits().givenUp());
    assertThat(output.topicLimits().smallest()).isNull();
    assertThat(batchSize(registry)).isEqualTo(1023 * 1024);
    // Still shipping after the refusal.
    output.send(batch(records(sparkPod("spark-app-acl", "uid-acl"), "engine", "/var/log/a.log", 20, 5)))
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void withDescribeConfigsTheTopicsLimitLowersTheBatchSize() throws Exception {
    String topic = topicGranting(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaOutput output = start(topic, registry);

    output.send(batch(records(sparkPod("spark-app-acl2", "uid-acl2"), "engine", "/var/log/b.log", 0, 20)))
        .toCompletableFuture().get(60, TimeUnit.SECONDS);

    await(() -> output.topicLimits().smallest() != null);
    assertThat(output.topicLimits().smallest()).isEqualTo(Map.entry(topic, TOPIC_LIMIT));
    assertThat(output.topicLimits().givenUp()).isFalse();
    // The limit is applied on the output's next send.
    output.send(batch(records(sparkPod("spark-app-acl2", "uid-acl2"), "engine", "/var/log/b.log", 20, 5)))
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
    await(() -> batchSize(registry) == TOPIC_LIMIT);
  }

  /** A new topic with max.message.bytes TOPIC_LIMIT, on which the limited user may do {@code operations}. */
  private String topicGranting(AclOperation... operations) throws Exception {
    String topic = "acl-engine-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1)
          .configs(Map.of("max.message.bytes", Integer.toString(TOPIC_LIMIT))))).all().get(30, TimeUnit.SECONDS);
      List<AclBinding> acls = new ArrayList<>();
      for (AclOperation operation : operations) {
        acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
            new AccessControlEntry("User:" + kafka.limitedUsername(), "*", operation, AclPermissionType.ALLOW)));
      }
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
    return topic;
  }

  private KafkaOutput start(String topic, SimpleMeterRegistry registry) throws Exception {
    String yaml = "brokers: [" + kafka.saslSslBootstrapServers() + "]\n"
        + "topics: {engine: " + topic + "}\n"
        + "linger: 5ms\n"
        + "tls: {enabled: true, ca_file: " + kafka.certificates().certificatePem() + "}\n"
        + "sasl: {mechanism: PLAIN, username: " + kafka.limitedUsername() + ", password: "
        + kafka.limitedPassword() + "}\n";
    KafkaOutputConfig config = ConfigLoader.create(Map.of()).parse(yaml, "kafka.yaml", KafkaOutputConfig.class);
    KafkaOutput output = KafkaOutput.create("kafka-acl-it", config, registry, new Liveness());
    outputs.add(output);
    output.start();
    return output;
  }

  private static double batchSize(SimpleMeterRegistry registry) {
    return registry.get(KafkaOutput.BATCH_SIZE_METRIC).gauge().value();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
