/**
 * The {@code kafka} output: OTLP protobuf on Kafka, one Kafka record per topic and job in each
 * batch, written by an idempotent producer with {@code acks=all}. See {@link
 * io.pipelens.agent.output.kafka.KafkaOutput} for threads and failure handling and {@link
 * io.pipelens.agent.output.kafka.KafkaOutputConfig} for the keys.
 */
package io.pipelens.agent.output.kafka;
