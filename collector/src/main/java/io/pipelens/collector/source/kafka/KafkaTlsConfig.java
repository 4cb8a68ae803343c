package io.pipelens.collector.source.kafka;

import java.nio.file.Path;

/**
 * TLS to the Kafka brokers. Present (even as {@code tls: {}}) means TLS is on.
 *
 * @param caFile PEM file of the certificate authorities to trust; the JVM's trust store when left
 *     out
 */
public record KafkaTlsConfig(Path caFile) {}
