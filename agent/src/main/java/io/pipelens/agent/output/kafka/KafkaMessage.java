package io.pipelens.agent.output.kafka;

import io.pipelens.agent.output.internal.BatchDelivery;
import io.pipelens.core.record.LogRecord;
import java.util.Comparator;
import java.util.List;

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
  final List<LogRecord> records;
  final byte[] value;
  final BatchDelivery delivery;
  final long sequence;
  final String splitPath;
  int attempts; // written by the sender thread only
  volatile boolean splitBeforeResend; // the broker refused it as too large

  KafkaMessage(
      String topic,
      byte[] key,
      List<LogRecord> records,
      byte[] value,
      BatchDelivery delivery,
      long sequence,
      String splitPath) {
    this.topic = topic;
    this.key = key;
    this.records = records;
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
