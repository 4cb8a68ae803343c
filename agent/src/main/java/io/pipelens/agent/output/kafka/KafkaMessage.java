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
  // Let go of once the message is done with (acknowledged, rejected, or failed while stopping):
  // the array of about a megabyte is a humongous object in G1, which a young collection frees
  // only when nothing in the old generation refers to it. This message often is in the old
  // generation by then (it waited for the broker through a young collection or two), and so are
  // the producer's batch and callback that refer to it; a field still set would keep the array
  // until the next concurrent mark, and the arrays piling up start those marks.
  private volatile byte[] value;
  private final int bytes;
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
    this.bytes = value.length;
    this.delivery = delivery;
    this.sequence = sequence;
    this.splitPath = splitPath;
  }

  /** The size counted against the output's byte budget, also after {@link #done()}. */
  long bytes() {
    return bytes;
  }

  /** The encoded records, to send or to split; not after {@link #done()}. */
  byte[] value() {
    byte[] current = value;
    if (current == null) {
      throw new IllegalStateException("the value of a message that is done with was asked for");
    }
    return current;
  }

  /** Lets go of the value: the message will not be sent again. */
  void done() {
    value = null;
  }
}
