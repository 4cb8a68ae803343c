package io.pipelens.agent.output.kafka;

import io.pipelens.agent.output.internal.BatchDelivery;
import java.util.Comparator;

/**
 * One Kafka record the output writes: the OTLP encoding of records that share a topic and a key,
 * with its place in the order of everything the output was given.
 *
 * <p>{@link #ORDER} sorts by the sequence number {@code send} gave the part, then by the split
 * path, so the halves of a split part keep their place: {@code "0"} before {@code "1"}, {@code
 * "01"} before {@code "1"}.
 */
final class KafkaMessage {

  /** Send order: what was given first goes first, also after a failure. */
  static final Comparator<KafkaMessage> ORDER =
      Comparator.comparingLong((KafkaMessage message) -> message.sequence)
          .thenComparing(message -> message.splitPath);

  final String topic;
  final byte[] key; // null: no job id, any partition
  // The count only: the records are in value, and decoded from it in the rare case of a split,
  // so that the messages waiting for Kafka's acknowledgement hold one array each, not an object
  // graph per log record for the garbage collector to copy.
  final int recordCount;
  final byte[] value;
  final BatchDelivery delivery;
  final long sequence;
  final String splitPath;
  int attempts; // written by the sender thread only
  volatile boolean splitBeforeResend; // the broker refused it as too large

  KafkaMessage(
      String topic,
      byte[] key,
      int recordCount,
      byte[] value,
      BatchDelivery delivery,
      long sequence,
      String splitPath) {
    this.topic = topic;
    this.key = key;
    this.recordCount = recordCount;
    this.value = value;
    this.delivery = delivery;
    this.sequence = sequence;
    this.splitPath = splitPath;
  }

  /** The size counted against the output's byte budget. */
  long bytes() {
    return value.length;
  }
}
