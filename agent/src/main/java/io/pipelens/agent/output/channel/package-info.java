/**
 * The {@code channel} output: batches handed to a named in-process {@link
 * io.pipelens.runtime.channel.RecordChannel} that a collector in the same JVM reads, in place of
 * Kafka (the demo). A batch is acknowledged when the collector's sinks stored it.
 */
package io.pipelens.agent.output.channel;
