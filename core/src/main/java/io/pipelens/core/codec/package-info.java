/**
 * The wire formats of a batch of {@link io.pipelens.core.record.LogRecord}s: OTLP protobuf ({@link
 * io.pipelens.core.codec.OtlpLogsCodec}), the format the agent writes to Kafka and the
 * OpenTelemetry Collector's Kafka exporter writes as {@code otlp_proto}, and OTLP/JSON ({@link
 * io.pipelens.core.codec.OtlpJsonLogsCodec}), the format of OTLP/HTTP with JSON bodies.
 */
package io.pipelens.core.codec;
