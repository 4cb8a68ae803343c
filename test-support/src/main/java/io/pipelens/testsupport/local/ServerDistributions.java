package io.pipelens.testsupport.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the server distributions are: system properties that the root pom sets for surefire and
 * failsafe, pointing into the local Maven repository.
 */
final class ServerDistributions {

  static final String ELASTICSEARCH_ZIP_PROPERTY = "pipelens.elasticsearch.zip";
  static final String S3PROXY_JAR_PROPERTY = "pipelens.s3proxy.jar";

  private ServerDistributions() {}

  /** The Elasticsearch integ-test zip. */
  static Path elasticsearchZip() {
    return existingFile(ELASTICSEARCH_ZIP_PROPERTY, "the Elasticsearch integ-test zip");
  }

  /** The S3Proxy jar with dependencies. */
  static Path s3proxyJar() {
    return existingFile(S3PROXY_JAR_PROPERTY, "the S3Proxy jar-with-dependencies");
  }

  private static Path existingFile(String property, String what) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property "
              + property
              + " is not set; it must name "
              + what
              + ". The root pom sets it for surefire and failsafe; elsewhere (e.g. an IDE) set it"
              + " yourself, or use -Dpipelens.test.servers=docker.");
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "System property "
              + property
              + " names "
              + file
              + ", which does not exist. `mvn -pl test-support generate-resources` downloads "
              + what
              + " into the local Maven repository.");
    }
    return file;
  }
}
