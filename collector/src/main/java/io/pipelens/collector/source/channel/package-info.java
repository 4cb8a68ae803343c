/**
 * The {@code channel} source: record batches from a named in-process {@link
 * io.pipelens.runtime.channel.RecordChannel}, which agents in the same JVM write to in place of
 * Kafka (the demo). A batch is acknowledged to its agent only once the sink stored it.
 *
 * <p>Metrics: {@code pipelens_collector_received_records_total{source="channel"}}, records taken
 * from the channel, by compute type, team and priority like every source.
 */
package io.pipelens.collector.source.channel;
