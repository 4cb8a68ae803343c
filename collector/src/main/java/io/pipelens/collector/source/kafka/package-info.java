/**
 * The Kafka source: the consumer group that reads what DaemonSet agents write, OTLP protobuf
 * batches, and commits offsets only once the sink stored every record of them.
 *
 * <p>Metrics:
 *
 * <ul>
 *   <li>{@code pipelens_collector_received_records_total{source="kafka",compute_type,team,priority}}
 *       and {@code pipelens_collector_error_records_total{...}}: records decoded, all and ERROR+;
 *   <li>{@code pipelens_collector_kafka_undecodable_messages_total}: messages that were not OTLP
 *       protobuf (dead-lettered);
 *   <li>{@code pipelens_collector_kafka_lag{topic,partition,compute_type="fixed"}}: messages between the consumer's
 *       position and the end of each partition it owns, from the consumer's fetch metadata.
 * </ul>
 */
package io.pipelens.collector.source.kafka;
