package io.pipelens.collector.sink.archive;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import io.pipelens.core.config.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * The {@code archive} section: where Spark event logs ({@code pipelens.stream=event} records) are
 * written, in Spark's rolling layout. Exactly one of {@code directory} and {@code uri}.
 *
 * @param directory a local directory, {@code file:///var/log/spark-events}
 * @param uri an S3 (or S3-compatible: OSS, MinIO, Ceph) location, {@code s3://bucket/prefix};
 *     {@code oss://} is accepted as a synonym
 * @param endpoint the S3 endpoint, for anything but AWS (e.g. {@code
 *     https://oss-cn-hangzhou.aliyuncs.com}); AWS's by default
 * @param region the signing region; {@code us-east-1} by default
 * @param pathStyle path-style requests ({@code endpoint/bucket/key}), as MinIO and S3Proxy need;
 *     false by default
 * @param accessKey with {@code secret_key}; without both, the AWS default credential chain
 * @param secretKey with {@code access_key}
 * @param maxFileSize uncompressed bytes after which a file is rolled, like Spark's {@code
 *     spark.eventLog.rolling.maxFileSize}; 128MiB by default
 * @param rollInterval the longest a line waits in a file that is not yet written out: a file is
 *     rolled (written, fsynced or uploaded, and its records acknowledged) this long after its first
 *     line even if it is small; 10s by default. Keep it below {@code otlp.ack_timeout}
 * @param maxPendingSize uncompressed bytes waiting for their file beyond which sources pause;
 *     512MiB by default
 * @param indexEvents whether event records also go to the search index; false by default
 */
public record ArchiveConfig(
    URI directory,
    URI uri,
    URI endpoint,
    String region,
    Boolean pathStyle,
    String accessKey,
    Secret secretKey,
    DataSize maxFileSize,
    Duration rollInterval,
    DataSize maxPendingSize,
    Boolean indexEvents) {

  public ArchiveConfig {
    Checks.require((directory == null) != (uri == null), directory == null ? "uri" : "directory",
        "set directory (file:///...) or uri (s3://bucket/prefix), exactly one");
    if (directory != null) {
      Checks.require("file".equals(directory.getScheme()) && directory.getPath() != null
          && directory.getPath().startsWith("/"), "directory", directory, "must be a file:/// URI");
    }
    if (uri != null) {
      Checks.require(("s3".equals(uri.getScheme()) || "oss".equals(uri.getScheme())) && uri.getHost() != null,
          "uri", uri, "must be s3://bucket[/prefix]");
    }
    Checks.require((accessKey == null) == (secretKey == null), accessKey == null ? "access_key" : "secret_key",
        "access_key and secret_key go together; set both or neither");
    region = region == null ? "us-east-1" : region;
    pathStyle = pathStyle != null && pathStyle;
    maxFileSize = maxFileSize == null ? DataSize.ofMebibytes(128) : maxFileSize;
    Checks.require(maxFileSize.bytes() >= 1024, "max_file_size", maxFileSize, "must be at least 1KiB");
    rollInterval = rollInterval == null ? Duration.ofSeconds(10) : rollInterval;
    Checks.positive("roll_interval", rollInterval);
    maxPendingSize = maxPendingSize == null ? DataSize.ofMebibytes(512) : maxPendingSize;
    indexEvents = indexEvents != null && indexEvents;
  }

  /** Whether the archive is an object store (else a local directory). */
  public boolean objectStore() {
    return uri != null;
  }

  /** The bucket of {@link #uri()}. */
  public String bucket() {
    return uri.getHost();
  }

  /** The key prefix of {@link #uri()}: empty, or ending in {@code /}. */
  public String prefix() {
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
    return path.isEmpty() ? "" : path + "/";
  }
}
