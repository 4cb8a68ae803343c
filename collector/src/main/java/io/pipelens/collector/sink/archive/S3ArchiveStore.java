package io.pipelens.collector.sink.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An archive in an S3-compatible bucket (AWS S3, Alibaba OSS, MinIO, S3Proxy) through AWS SDK v2.
 * A {@code PutObject} that returned is durable. There is no rename: "renaming" {@code
 * appstatus_<app>.inprogress} is putting {@code appstatus_<app>} and deleting the old one.
 *
 * <p>Checksums are sent and checked only where the S3 API requires them ({@code WHEN_REQUIRED}):
 * the SDK's default since 2.30 sends CRC32 headers that OSS (and S3Proxy) reject or do not know;
 * the request still carries its SigV4 payload hash.
 */
final class S3ArchiveStore implements ArchiveStore {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  S3ArchiveStore(ArchiveConfig config) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(config.region()))
        .forcePathStyle(config.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(credentials(config));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    this.s3 = builder.build();
    this.bucket = config.bucket();
    this.prefix = config.prefix();
  }

  private static AwsCredentialsProvider credentials(ArchiveConfig config) {
    if (config.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(config.accessKey(), config.secretKey().value()));
  }

  @Override
  public void put(String key, byte[] content, Map<String, String> metadata) throws IOException {
    try {
      s3.putObject(b -> b.bucket(bucket).key(prefix + key).metadata(metadata).contentLength((long) content.length),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw new IOException("PutObject s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, String> metadata(String key) throws IOException {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(prefix + key)).metadata();
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw new IOException("HeadObject s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("HeadObject s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String directory) throws IOException {
    String dirPrefix = prefix + directory + "/";
    List<String> names = new ArrayList<>();
    try {
      for (var page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
          .prefix(dirPrefix).delimiter("/").build())) {
        for (S3Object object : page.contents()) {
          names.add(object.key().substring(dirPrefix.length()));
        }
      }
    } catch (SdkException e) {
      throw new IOException("ListObjectsV2 s3://" + bucket + "/" + dirPrefix + " failed: " + e.getMessage(), e);
    }
    return names;
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
    } catch (SdkException e) {
      throw new IOException("DeleteObject s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public void close() {
    s3.close();
  }
}
