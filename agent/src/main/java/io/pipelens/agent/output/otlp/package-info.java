/**
 * The {@code otlp} output: OTLP/HTTP protobuf requests to a collector, one at a time and in order.
 * See {@link io.pipelens.agent.output.otlp.OtlpOutput} for what each answer means and {@link
 * io.pipelens.agent.output.otlp.OtlpOutputConfig} for the keys.
 */
package io.pipelens.agent.output.otlp;
