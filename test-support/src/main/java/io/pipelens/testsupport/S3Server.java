package io.pipelens.testsupport;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible object store that checks AWS signatures (v2 and v4) against {@link
 * #accessKey()} and {@link #secretKey()}. Buckets do not exist until a test creates them.
 *
 * <p>An AWS SDK v2 client needs path-style access, this region, and checksums only where the S3 API
 * requires them: since SDK 2.30 the default ({@code WHEN_SUPPORTED}) sends CRC32 checksum headers
 * that S3Proxy rejects (PutObject: 400 "x-amz-content-sha256 does not match"; GetObject: 501).
 * {@link #client()} builds one so.
 */
public interface S3Server extends TestServer {

  /** The HTTP endpoint, e.g. {@code http://127.0.0.1:40123}, for {@code endpointOverride}. */
  URI endpoint();

  /** The access key id the server accepts. */
  String accessKey();

  /** The secret access key the server accepts. */
  String secretKey();

  /** The region clients should sign for: {@code us-east-1}. */
  String region();

  /**
   * A new AWS SDK v2 client for this server (path-style, its region and keys, checksums only where
   * S3 requires them) on the JDK's HTTP client; the caller closes it.
   */
  default S3Client client() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint())
        .region(Region.of(region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey())))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }
}
