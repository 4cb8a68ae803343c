package io.pipelens.collector.source.otlp;

import io.pipelens.core.config.Checks;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code otlp.tls} section: the certificate the OTLP receivers (HTTP and gRPC) present.
 * Checked when the configuration loads, so a missing file stops start-up with the key named.
 *
 * @param certFile the PEM certificate chain, the server's certificate first; required
 * @param keyFile the PEM private key of that certificate, unencrypted PKCS#8 ({@code BEGIN PRIVATE
 *     KEY}); RSA or EC; required
 */
public record OtlpTlsConfig(Path certFile, Path keyFile) {

  public OtlpTlsConfig {
    Checks.required("cert_file", certFile);
    Checks.required("key_file", keyFile);
    Checks.require(Files.isReadable(certFile), "cert_file", certFile, "is not a readable file");
    Checks.require(Files.isReadable(keyFile), "key_file", keyFile, "is not a readable file");
  }
}
