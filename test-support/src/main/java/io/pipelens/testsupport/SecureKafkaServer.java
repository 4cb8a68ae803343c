package io.pipelens.testsupport;

/**
 * A {@link KafkaServer} with a second listener that takes TLS with SASL/PLAIN ({@code SASL_SSL}):
 * the broker presents {@link #certificates()}, and knows two users. It checks ACLs: {@link
 * #username()} and the plain listener, {@link #bootstrapServers()}, for the test's own clients,
 * may do anything; {@link #limitedUsername()} only what a test grants it (through the plain
 * listener's admin client).
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

  /** A SASL/PLAIN user that may do only what ACLs allow it: nothing until a test grants it more. */
  String limitedUsername();

  /** That user's password. */
  String limitedPassword();
}
