package io.pipelens.collector.it;

import io.pipelens.core.record.LogRecord;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics with several partitions, consumer group state, and batches produced in bulk. */
final class KafkaGroups implements AutoCloseable {

  private final Admin admin =
      Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Harness.kafka()));

  void createTopic(String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
  }

  /** Each live member's assigned partitions, by member id. */
  Map<String, Set<TopicPartition>> members(String group) throws Exception {
    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    return description.members().stream()
        .collect(Collectors.toMap(MemberDescription::consumerId, m -> m.assignment().topicPartitions()));
  }

  /**
   * Removes every member from {@code group}, what the coordinator does to a killed member when its
   * session times out (the consumer default, 45 s; the collector does not change it). Live members
   * notice at their next heartbeat, lose their partitions without committing and rejoin at once.
   */
  void expireMembers(String group) throws Exception {
    if (members(group).isEmpty()) {
      return;
    }
    try {
      admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get();
    } catch (ExecutionException e) {
      // A member that left meanwhile (UNKNOWN_MEMBER_ID) is fine: it is gone either way.
    }
  }

  /** The sum over {@code group}'s committed offsets. */
  long committed(String group) throws Exception {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
        .mapToLong(OffsetAndMetadata::offset).sum();
  }

  /**
   * Sends batches {@code from} to {@code to} (exclusive) made by {@code batch}, batch {@code i} to
   * partition {@code i % partitions}, and waits until Kafka has them all.
   */
  static void produce(String topic, int partitions, int from, int to, IntFunction<List<LogRecord>> batch)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Harness.kafka());
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, i % partitions, null, Harness.CODEC.encode(batch.apply(i))),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
