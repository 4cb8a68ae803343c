package io.pipelens.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made for one test run by
 * the JDK's {@code keytool} (EC P-256, valid two days): a PKCS12 key store for servers (Kafka's
 * SSL listener, a JDK {@code HttpsServer}), the certificate as PEM for clients' {@code ca_file},
 * and the private key as PKCS#8 PEM for clients that present it.
 *
 * @param keyStore the PKCS12 key store holding the key and certificate, alias {@code server}
 * @param password the key store's and the key's password
 * @param certificatePem the certificate, PEM; trust it as the CA
 * @param privateKeyPem the private key, unencrypted PKCS#8 PEM
 */
public record TestCertificates(Path keyStore, String password, Path certificatePem, Path privateKeyPem) {

  private static final String ALIAS = "server";

  /** Generates a fresh certificate under {@code directory}, which must exist. */
  public static TestCertificates generate(Path directory) {
    Path store = directory.resolve("server.p12");
    Path pem = directory.resolve("server-cert.pem");
    Path key = directory.resolve("server-key.pem");
    String password = "pipelens-test";
    try {
      keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
          "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
          "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
          "-storepass", password, "-keypass", password);
      keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", store.toString(),
          "-storepass", password, "-file", pem.toString());
      KeyStore keys = load(store, password);
      Key privateKey = keys.getKey(ALIAS, password.toCharArray());
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(privateKey.getEncoded());
      Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate in " + directory + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted making a test certificate", e);
    }
    return new TestCertificates(store, password, pem, key);
  }

  /** A server-side TLS context presenting this certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(load(keyStore, password), password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + keyStore + ": " + e, e);
    }
  }

  private static KeyStore load(Path store, String password) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password.toCharArray());
    }
    return keys;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool " + args[0] + " failed: " + output.strip());
    }
  }
}
