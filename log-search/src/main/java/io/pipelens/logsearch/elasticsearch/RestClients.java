package io.pipelens.logsearch.elasticsearch;

import io.pipelens.core.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the low-level Elasticsearch REST client from an {@link ElasticsearchConnection}. */
public final class RestClients {

  private static final int CONNECT_TIMEOUT_MS = 5_000;
  // A bulk of 5MiB on a busy cluster can take a while; a stuck one must still end.
  private static final int SOCKET_TIMEOUT_MS = 60_000;

  private RestClients() {}

  /** A client for the section's URLs, credentials and TLS settings. */
  public static RestClient build(ElasticsearchConnection config) throws IOException {
    List<String> urls = config.urls();
    HttpHost[] hosts = new HttpHost[urls.size()];
    for (int i = 0; i < hosts.length; i++) {
      URI uri = URI.create(urls.get(i));
      int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 9200);
      hosts[i] = new HttpHost(uri.getHost(), port, uri.getScheme());
    }
    RestClientBuilder builder = RestClient.builder(hosts)
        .setRequestConfigCallback(request -> request
            .setConnectTimeout(CONNECT_TIMEOUT_MS)
            .setSocketTimeout(SOCKET_TIMEOUT_MS));
    Header auth = authorization(config);
    if (auth != null) {
      builder.setDefaultHeaders(new Header[] {auth});
    }
    if (urls.stream().anyMatch(url -> url.startsWith("https:"))) {
      SSLContext ssl = sslContext(config.tls());
      boolean insecure = config.tls().insecureSkipVerify();
      builder.setHttpClientConfigCallback(client -> {
        client.setSSLContext(ssl);
        if (insecure) {
          client.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
        }
        return client;
      });
    }
    return builder.build();
  }

  private static Header authorization(ElasticsearchConnection config) {
    if (config.apiKey() != null) {
      return new BasicHeader("Authorization", "ApiKey " + config.apiKey().value());
    }
    if (config.username() != null) {
      Secret password = config.password();
      String pair = config.username() + ":" + password.value();
      return new BasicHeader("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return null;
  }

  private static SSLContext sslContext(ElasticsearchTlsConfig tls) throws IOException {
    try {
      TrustManager[] trust;
      if (tls.insecureSkipVerify()) {
        trust = new TrustManager[] {new TrustEverything()};
      } else if (tls.caFile() != null) {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore(tls.caFile()));
        trust = factory.getTrustManagers();
      } else {
        return SSLContext.getDefault();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS for Elasticsearch: " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      int n = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
      if (n == 0) {
        throw new IOException("elasticsearch.tls.ca_file " + caFile + " holds no PEM certificate");
      }
    }
    return store;
  }

  /** For {@code insecure_skip_verify}: accepts any server certificate. */
  private static final class TrustEverything implements X509TrustManager {
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
