package io.pipelens.collector.source.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The receivers' server certificate, read from {@code otlp.tls}'s PEM files into key managers
 * that the HTTP server (an {@link SSLContext}) and the gRPC server both use, so the two ports
 * present the same certificate and fail on the same bad file.
 */
final class ServerCertificates {

  private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
  private static final String END_KEY = "-----END PRIVATE KEY-----";

  private ServerCertificates() {}

  /**
   * Key managers for {@code tls}'s certificate chain and key.
   *
   * @throws IOException naming the file and why, if a file cannot be read or holds no certificate
   *     or no PKCS#8 RSA or EC key
   */
  static KeyManager[] keyManagers(OtlpTlsConfig tls) throws IOException {
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(tls.certFile())) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException("cannot read otlp.tls.cert_file " + tls.certFile() + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("otlp.tls.cert_file " + tls.certFile() + " holds no PEM certificate");
    }
    PrivateKey key = privateKey(tls);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("otlp", key, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException("otlp.tls: the key in " + tls.keyFile() + " does not fit the certificate in "
          + tls.certFile() + ": " + e.getMessage(), e);
    }
  }

  /** A TLS context presenting {@code tls}'s certificate. */
  static SSLContext sslContext(OtlpTlsConfig tls) throws IOException {
    KeyManager[] keyManagers = keyManagers(tls);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("otlp.tls: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(OtlpTlsConfig tls) throws IOException {
    String pem = Files.readString(tls.keyFile(), StandardCharsets.US_ASCII);
    int begin = pem.indexOf(BEGIN_KEY);
    int end = pem.indexOf(END_KEY);
    if (begin < 0 || end < begin) {
      throw new IOException("otlp.tls.key_file " + tls.keyFile()
          + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it with"
          + " openssl pkcs8 -topk8 -nocrypt");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN_KEY.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException("otlp.tls.key_file " + tls.keyFile() + " is not valid PEM: " + e.getMessage(), e);
    }
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Try the next algorithm; PKCS#8 names it, but reading that needs an ASN.1 parser.
      }
    }
    throw new IOException("otlp.tls.key_file " + tls.keyFile() + " holds neither an RSA nor an EC key");
  }
}
