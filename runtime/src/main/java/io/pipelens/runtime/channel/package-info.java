/**
 * A named, bounded, in-process channel of record batches: {@link
 * io.pipelens.runtime.channel.RecordChannel}. It stands in for Kafka when every component runs in
 * one JVM (the demo): the agent's {@code channel} output sends, the collector's {@code channel}
 * input receives. Agent and collector never depend on each other; both depend on this package.
 *
 * <p>The channel keeps Kafka's at-least-once contract: a send completes only once the receiver
 * acknowledged the batch (its sinks stored it), a batch the receiver gives back is delivered again,
 * and senders block while their unacknowledged bytes are at their limit.
 */
package io.pipelens.runtime.channel;
