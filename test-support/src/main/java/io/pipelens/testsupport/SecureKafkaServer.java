package io.pipelens.testsupport;

/**
 * A {@link KafkaServer} with a second listener that takes TLS with SASL/PLAIN ({@code SASL_SSL}):
 * the broker presents {@link #certificates()}, and knows one user. {@link #bootstrapServers()} is
 * the plain listener, for the test's own clients.
 */
public interface SecureKafkaServer extends KafkaServer {

  /** The {@code bootstrap.servers} of the {@code SASL_SSL} listener. */
  String saslSslBootstrapServers();

  /** The broker's certificate (self-signed, for {@code localhost} and {@code 127.0.0.1}). */
  TestCertificates certificates();

  /** The SASL/PLAIN user the broker knows. */
  String username();

  /** That user's password. */
  String password();
}
