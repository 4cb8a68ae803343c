package io.pipelens.collector.deadletter;

import java.util.Objects;

/**
 * Something the collector could not index, with why. The payload is kept as bytes so it can be
 * replayed: the Kafka message as it arrived when it did not decode, or the rejected record as an
 * OTLP protobuf batch of one.
 *
 * @param payload the bytes; never null
 * @param contentType what the payload claims to be, such as {@code application/x-protobuf}
 * @param stage {@code decode} (the bytes were not a valid batch) or {@code index} (Elasticsearch
 *     rejected the document)
 * @param reason the error, as precise as the decoder or Elasticsearch gave it
 * @param origin where it came from, such as {@code pipelens-engine-logs/3@1042} or {@code
 *     logs-engine.spark-prod}
 * @param computeType {@code compute_type} of the metric that counts it: the record's, or {@code
 *     fixed} for a Kafka message that did not decode
 */
public record DeadLetter(byte[] payload, String contentType, String stage, String reason, String origin,
    String computeType) {

  /** The stage of a message that did not decode. */
  public static final String DECODE = "decode";
  /** The stage of a document Elasticsearch rejected. */
  public static final String INDEX = "index";

  public DeadLetter {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(computeType, "computeType");
  }
}
