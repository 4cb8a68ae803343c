/**
 * Where the collector keeps what it could not index: a Kafka topic (default {@code pipelens-dlq})
 * or a JSON-lines file. Metric: {@code pipelens_collector_dlq_records_total{stage,compute_type}}, {@code stage}
 * being {@code decode} or {@code index}.
 */
package io.pipelens.collector.deadletter;
