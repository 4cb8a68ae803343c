package io.pipelens.agent.output.kafka;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.common.security.auth.SslEngineFactory;

/**
 * TLS to brokers without verifying their certificates or host names: {@code tls.insecure_skip_verify:
 * true}. For test clusters with self-signed certificates only; anyone on the path can read and
 * change the records. Kafka instantiates it by class name ({@code ssl.engine.factory.class}), so it
 * must be public with a no-argument constructor.
 */
public final class InsecureSslEngineFactory implements SslEngineFactory {

  private static final X509TrustManager TRUST_ANYTHING =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private SSLContext context;

  @Override
  public void configure(Map<String, ?> configs) {
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {TRUST_ANYTHING}, new SecureRandom());
    } catch (Exception e) {
      throw new IllegalStateException("Could not create a TLS context: " + e.getMessage(), e);
    }
  }

  @Override
  public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
    SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
    engine.setUseClientMode(true);
    return engine;
  }

  @Override
  public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
    throw new UnsupportedOperationException("the agent's producer is a client only");
  }

  @Override
  public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
    return false;
  }

  @Override
  public Set<String> reconfigurableConfigs() {
    return Set.of();
  }

  @Override
  public KeyStore keystore() {
    return null;
  }

  @Override
  public KeyStore truststore() {
    return null;
  }

  @Override
  public void close() {}
}
