package io.pipelens.history.source;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.Secret;
import java.net.URI;

/**
 * How to reach an S3-compatible object store: the {@code s3} and {@code oss} keys of the history
 * server's configuration, used for {@code s3://bucket/prefix} and {@code oss://bucket/prefix} log
 * directories.
 *
 * <p>The client sends and checks checksums only where the S3 API requires them ({@code
 * WHEN_REQUIRED}): the history server only reads, ranged reads cannot be checked against a
 * whole-object checksum anyway, and S3-compatible stores (OSS, MinIO, S3Proxy) reject the SDK's
 * default checksum headers.
 *
 * @param endpoint the endpoint URL, such as {@code https://oss-cn-hangzhou.aliyuncs.com} or {@code
 *     http://minio:9000}; none for AWS S3 (the SDK derives it from the region); required for OSS
 * @param region the signing region; the SDK's default region chain for S3 when unset ({@code
 *     AWS_REGION}, profile, instance metadata), {@code us-east-1} for OSS
 * @param pathStyleAccess {@code true} for {@code endpoint/bucket/key} URLs (MinIO, S3Proxy), {@code
 *     false} (default) for virtual-hosted {@code bucket.endpoint/key} URLs (AWS S3, OSS)
 * @param accessKey the access key id; with {@code secret_key}, static credentials; without both,
 *     the SDK's default credential chain (environment, profile, web identity, instance role)
 * @param secretKey the secret access key
 */
public record ObjectStoreConfig(
    URI endpoint, String region, Boolean pathStyleAccess, Secret accessKey, Secret secretKey) {

  /** Applies defaults and checks the keys. */
  public ObjectStoreConfig {
    pathStyleAccess = pathStyleAccess != null && pathStyleAccess;
    if (endpoint != null && endpoint.toString().isEmpty()) {
      // ${VAR:-} with VAR unset: no endpoint.
      endpoint = null;
    }
    if (endpoint != null) {
      String scheme = endpoint.getScheme();
      Checks.require(
          scheme != null
              && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
              && endpoint.getHost() != null,
          "endpoint",
          endpoint.toString(),
          "must be an http or https URL");
    }
    boolean hasAccess = accessKey != null && !accessKey.isEmpty();
    boolean hasSecret = secretKey != null && !secretKey.isEmpty();
    Checks.require(
        hasAccess == hasSecret,
        "access_key",
        "and secret_key must be set together (or neither, for the default credential chain)");
    if (!hasAccess) {
      accessKey = null;
      secretKey = null;
    }
    if (region != null && region.isBlank()) {
      region = null;
    }
  }

  /** Every key at its default. */
  public static ObjectStoreConfig defaults() {
    return new ObjectStoreConfig(null, null, null, null, null);
  }

  /** Whether static credentials are configured. */
  public boolean staticCredentials() {
    return accessKey != null;
  }
}
