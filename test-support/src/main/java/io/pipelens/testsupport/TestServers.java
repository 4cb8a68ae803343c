package io.pipelens.testsupport;

import io.pipelens.testsupport.docker.DockerElasticsearchServer;
import io.pipelens.testsupport.docker.DockerKafkaServer;
import io.pipelens.testsupport.docker.DockerS3Server;
import io.pipelens.testsupport.local.LocalElasticsearchServer;
import io.pipelens.testsupport.local.LocalKafkaServer;
import io.pipelens.testsupport.local.LocalS3Server;

/**
 * The real servers integration tests talk to: one of each kind per JVM (that is, per module test
 * run), started on first use, on free loopback ports, and stopped when the JVM exits.
 *
 * <p>Where they run is chosen once per JVM by the system property {@code pipelens.test.servers},
 * else the environment variable {@code PIPELENS_TEST_SERVERS}:
 *
 * <ul>
 *   <li>{@code auto} (default): Testcontainers when a Docker engine answers, else {@code local}.
 *   <li>{@code local}: an in-process Kafka, and Elasticsearch and S3Proxy as child processes whose
 *       files and logs live under the module's {@code target/}. Needs the system properties {@code
 *       pipelens.elasticsearch.zip} and {@code pipelens.s3proxy.jar}, which the root pom sets for
 *       surefire and failsafe.
 *   <li>{@code docker}: Testcontainers; fails if no Docker engine answers.
 * </ul>
 *
 * <p>All methods are thread-safe. A server that fails to start throws {@link
 * TestServerStartException}, never a skip.
 */
public final class TestServers {

  private static final LazyServer<KafkaServer> KAFKA =
      new LazyServer<>(
          "Kafka",
          () -> BackendSelection.docker() ? DockerKafkaServer.launch() : LocalKafkaServer.launch());

  private static final LazyServer<ElasticsearchServer> ELASTICSEARCH =
      new LazyServer<>(
          "Elasticsearch",
          () ->
              BackendSelection.docker()
                  ? DockerElasticsearchServer.launch()
                  : LocalElasticsearchServer.launch());

  private static final LazyServer<S3Server> S3 =
      new LazyServer<>(
          "S3", () -> BackendSelection.docker() ? DockerS3Server.launch() : LocalS3Server.launch());

  private static final LazyServer<SecureKafkaServer> SECURE_KAFKA =
      new LazyServer<>("Kafka with SASL_SSL", LocalKafkaServer::launchSecure);

  private TestServers() {}

  /** The running Kafka cluster. */
  public static KafkaServer kafka() {
    return KAFKA.get();
  }

  /**
   * A second Kafka cluster, in this JVM whatever the backend, with a {@code SASL_SSL} listener
   * (TLS and SASL/PLAIN) besides its plain one; for tests of clients' TLS and SASL settings.
   */
  public static SecureKafkaServer secureKafka() {
    return SECURE_KAFKA.get();
  }

  /** The running Elasticsearch cluster. */
  public static ElasticsearchServer elasticsearch() {
    return ELASTICSEARCH.get();
  }

  /** The running S3-compatible object store. */
  public static S3Server s3() {
    return S3.get();
  }
}
