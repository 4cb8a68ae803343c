package io.pipelens.agent.output.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS context of an HTTP client of the agent: the OTLP output and {@code remote_config}. */
public final class TlsContexts {

  private TlsContexts() {}

  /**
   * The context for {@code tls}: trusting {@code ca_file}'s certificates, anything ({@code
   * insecure_skip_verify}), or the JVM's trust store.
   *
   * @throws IOException if {@code ca_file} cannot be read or holds no certificate
   */
  public static SSLContext of(OtlpOutputConfig.Tls tls) throws IOException, GeneralSecurityException {
    if (tls.insecureSkipVerify()) {
      SSLContext context = SSLContext.getInstance("TLS");
      // An X509ExtendedTrustManager does the host name check itself, so this one skips that too.
      context.init(null, new TrustManager[] {new TrustAnything()}, new SecureRandom());
      return context;
    }
    if (tls.caFile() == null) {
      return SSLContext.getDefault();
    }
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(tls.caFile())) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException("Cannot read tls.ca_file " + tls.caFile() + ": " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException("tls.ca_file " + tls.caFile() + " holds no PEM certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int index = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), new SecureRandom());
    return context;
  }

  private static final class TrustAnything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
