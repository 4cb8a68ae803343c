/**
 * Where the agent's records go: the {@link io.pipelens.agent.output.Output} contract and its
 * implementations for Kafka ({@code output.kafka}), OTLP/HTTP ({@code output.otlp}), NDJSON
 * files or standard output ({@code output.file}) and the in-process channel to a collector in the
 * same JVM ({@code output.channel}), built by {@link io.pipelens.agent.output.Outputs}.
 *
 * <p><b>Delivery.</b> At least once. A batch's stage completes when the destination acknowledged
 * it; failures are retried with backoff for as long as it takes, and {@code send} blocks while an
 * output's byte budget ({@code max_pending}) is spent, so a slow destination slows reading instead
 * of filling the heap. The one exception: records a destination refuses for good (an OTLP 4xx
 * such as 400, one log record too large for Kafka) are given up on, logged as errors and counted
 * in {@code rejected_records_total}; their stage completes normally so one bad record cannot stop
 * the checkpoint forever. A stage completes exceptionally, with {@link
 * io.pipelens.agent.output.OutputStoppedException}, only when the output stopped first. Duplicates
 * are possible after a resend; every record carries {@code log.file.path}, {@code log.offset} and
 * {@code k8s.pod.uid} to tell them apart.
 *
 * <p><b>Threads.</b> Each output works on its own thread {@code pipelens-agent-output-<name>},
 * with helpers named {@code pipelens-agent-output-<name>-<role>-N}. {@code stop(deadline)} stops
 * intake, keeps delivering until everything is acknowledged or the deadline passes, then fails the
 * stages of what is left.
 *
 * <p><b>Metrics</b> (Prometheus names; every meter is tagged {@code output="<name>"}):
 *
 * <dl>
 *   <dt>{@code pipelens_agent_output_sent_records_total} (counter)
 *   <dd>Records the destination acknowledged.
 *   <dt>{@code pipelens_agent_output_sent_bytes_total} (counter)
 *   <dd>Encoded bytes the destination acknowledged, before compression: OTLP protobuf for Kafka
 *       and OTLP/HTTP, NDJSON for files.
 *   <dt>{@code pipelens_agent_output_failed_total{error_type}} (counter)
 *   <dd>Failed attempts. {@code error_type} is the Kafka exception's simple class name (such as
 *       {@code TimeoutException}), {@code http_<status>}, {@code connection} or {@code timeout} for
 *       OTLP, {@code io} for files. A failure is retried unless it is also counted as rejected.
 *   <dt>{@code pipelens_agent_output_retries_total} (counter)
 *   <dd>Attempts that resend something that failed before.
 *   <dt>{@code pipelens_agent_output_rejected_records_total} (counter)
 *   <dd>Records the destination refused for good; they were not delivered. Alert on any increase.
 *   <dt>{@code pipelens_agent_output_queue_bytes} (gauge)
 *   <dd>Encoded bytes accepted by {@code send} and not acknowledged yet; at {@code max_pending},
 *       {@code send} blocks.
 *   <dt>{@code pipelens_agent_output_send_latency_seconds} (timer)
 *   <dd>From {@code send} to the acknowledgement of the whole batch, queueing and retries
 *       included: how far the checkpoints trail reading.
 * </dl>
 */
package io.pipelens.agent.output;
