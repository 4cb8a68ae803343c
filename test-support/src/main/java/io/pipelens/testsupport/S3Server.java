package io.pipelens.testsupport;

import java.net.URI;

/**
 * An S3-compatible object store that checks AWS signatures (v2 and v4) against {@link
 * #accessKey()} and {@link #secretKey()}. Buckets do not exist until a test creates them.
 *
 * <p>An AWS SDK v2 client needs path-style access, this region, and checksums only where the S3 API
 * requires them: since SDK 2.30 the default ({@code WHEN_SUPPORTED}) sends CRC32 checksum headers
 * that S3Proxy rejects (PutObject: 400 "x-amz-content-sha256 does not match"; GetObject: 501).
 *
 * <pre>{@code
 * S3Client s3 = S3Client.builder()
 *     .endpointOverride(server.endpoint())
 *     .region(Region.of(server.region()))
 *     .credentialsProvider(StaticCredentialsProvider.create(
 *         AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
 *     .forcePathStyle(true)
 *     .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
 *     .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
 *     .build();
 * }</pre>
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
}
