package io.pipelens.history.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link EventLogStore} over a prefix of an S3-compatible bucket ({@code s3://bucket/prefix},
 * {@code oss://bucket/prefix}), with the AWS SDK v2.
 *
 * <p>A directory is a {@code /}-delimited prefix: {@link #list} is one paginated ListObjectsV2 with
 * delimiter {@code /}, giving each object's size, modification time and ETag, and each common
 * prefix as a directory. {@link #openRange} reads with ranged GETs of at most {@value
 * #CHUNK_BYTES} bytes each, issued as the caller reads on, conditional on the listed ETag ({@code
 * If-Match}) so that an object rewritten since the listing fails rather than mixing two versions; a
 * stream closed early aborts its request instead of draining it.
 *
 * <p>Thread-safe; {@link #close()} releases the client.
 */
public final class S3EventLogStore implements EventLogStore {

  /** Largest single ranged GET. */
  static final int CHUNK_BYTES = 8 * 1024 * 1024;

  private final S3Client client;
  private final String bucket;
  private final String rootPrefix;
  private final String location;

  /**
   * A store reading {@code bucket}'s objects under {@code rootPrefix} with {@code client}, which it
   * closes on {@link #close()}.
   *
   * @param scheme the URI scheme for {@link #location()}, {@code s3} or {@code oss}
   * @param rootPrefix {@code ""} or a prefix ending in {@code /}
   */
  S3EventLogStore(S3Client client, String scheme, String bucket, String rootPrefix) {
    this.client = Objects.requireNonNull(client, "client");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.rootPrefix = Objects.requireNonNull(rootPrefix, "rootPrefix");
    this.location = scheme + "://" + bucket + "/" + rootPrefix;
  }

  /**
   * Opens the store for an {@code s3://}, {@code s3a://} or {@code oss://} URI with {@code config}.
   *
   * @throws IllegalArgumentException for a URI without a bucket, or a configuration the SDK refuses
   *     (no region found for AWS S3, OSS without an endpoint)
   */
  public static S3EventLogStore open(URI uri, ObjectStoreConfig config) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean oss = scheme.equals("oss");
    String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in event log location '" + uri + "'");
    }
    if (oss && config.endpoint() == null) {
      throw new IllegalArgumentException(
          "oss:// log directories need oss.endpoint, such as https://oss-cn-hangzhou.aliyuncs.com");
    }
    return new S3EventLogStore(
        client(config, oss), oss ? "oss" : "s3", bucket, rootPrefix(uri.getPath()));
  }

  /** {@code /a/b} and {@code /a/b/} become {@code a/b/}; {@code ""} and {@code /} become "". */
  static String rootPrefix(String path) {
    if (path == null) {
      return "";
    }
    String trimmed = path;
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    if (trimmed.isEmpty()) {
      return "";
    }
    return trimmed.endsWith("/") ? trimmed : trimmed + "/";
  }

  private static S3Client client(ObjectStoreConfig config, boolean oss) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .forcePathStyle(config.pathStyleAccess())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    if (config.region() != null) {
      builder.region(Region.of(config.region()));
    } else if (oss || config.endpoint() != null) {
      // A custom endpoint still needs a signing region; S3-compatible stores accept this one.
      builder.region(Region.US_EAST_1);
    }
    AwsCredentialsProvider credentials =
        config.staticCredentials()
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    config.accessKey().value(), config.secretKey().value()))
            : DefaultCredentialsProvider.builder().build();
    builder.credentialsProvider(credentials);
    try {
      return builder.build();
    } catch (SdkException e) {
      throw new IllegalArgumentException(
          "cannot set up the S3 client: " + e.getMessage() + " (set s3.region or s3.endpoint)", e);
    }
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public List<StoreEntry> list(String directory) throws IOException {
    return list(directory, "");
  }

  @Override
  public List<StoreEntry> list(String directory, String namePrefix) throws IOException {
    if (namePrefix.contains("/")) {
      throw new IllegalArgumentException("a name prefix has no '/': " + namePrefix);
    }
    String relative = directory.isEmpty() ? "" : checkPath(directory) + "/";
    String prefix = rootPrefix + relative;
    List<StoreEntry> entries = new ArrayList<>();
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + namePrefix).delimiter("/");
    try {
      String token = null;
      do {
        ListObjectsV2Response page = client.listObjectsV2(request.continuationToken(token).build());
        for (CommonPrefix common : page.commonPrefixes()) {
          String name = trimSlash(common.prefix().substring(prefix.length()));
          if (!name.isEmpty()) {
            entries.add(new StoreEntry(relative + name, name, true, 0, 0));
          }
        }
        for (S3Object object : page.contents()) {
          String name = object.key().substring(prefix.length());
          if (name.isEmpty() || name.contains("/")) {
            // The "directory" marker object some tools write for a prefix.
            continue;
          }
          long modified = object.lastModified() == null ? 0 : object.lastModified().toEpochMilli();
          entries.add(
              new StoreEntry(
                  relative + name,
                  name,
                  false,
                  object.size() == null ? 0 : object.size(),
                  modified,
                  object.eTag()));
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (NoSuchBucketException e) {
      throw new NoSuchFileException(location, null, "no such bucket");
    } catch (SdkException e) {
      throw new IOException("cannot list " + location + relative + ": " + e.getMessage(), e);
    }
    return entries;
  }

  @Override
  public InputStream openRange(String path, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + path);
    }
    String key = rootPrefix + checkPath(path);
    return new RangedStream(key, offset, offset + length, null).started();
  }

  @Override
  public InputStream openRange(StoreEntry file, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + file);
    }
    String key = rootPrefix + checkPath(file.path());
    return new RangedStream(key, offset, offset + length, file.etag().isEmpty() ? null : file.etag())
        .started();
  }

  @Override
  public void close() {
    client.close();
  }

  private static String trimSlash(String name) {
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }

  /** Refuses paths that could name something outside the root prefix. */
  private static String checkPath(String relative) {
    Objects.requireNonNull(relative, "path");
    if (relative.isEmpty() || relative.startsWith("/") || relative.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a store-relative path: " + relative);
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a store-relative path: " + relative);
      }
    }
    return relative;
  }

  /** Reads {@code [position, end)} of one object with consecutive ranged GETs. */
  private final class RangedStream extends InputStream {
    private final String key;
    private final long end;
    private final String etag;
    private long position;
    private ResponseInputStream<GetObjectResponse> current;
    private long currentEnd;
    private boolean closed;

    RangedStream(String key, long start, long end, String etag) {
      this.key = key;
      this.position = start;
      this.end = end;
      this.etag = etag;
    }

    /** Sends the first GET now, so that a missing object fails {@link #openRange} itself. */
    RangedStream started() throws IOException {
      if (position < end) {
        openChunk();
      }
      return this;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("stream closed");
      }
      if (len == 0) {
        return 0;
      }
      while (position < end) {
        if (current == null && !openChunk()) {
          return -1;
        }
        int n;
        try {
          n = current.read(buffer, off, (int) Math.min(len, currentEnd - position));
        } catch (AbortedException e) {
          throw new InterruptedIOException("read of " + location + key + " aborted");
        }
        if (n > 0) {
          position += n;
          if (position >= currentEnd) {
            finishChunk();
          }
          return n;
        }
        // The object ended before the range did (it shrank): nothing more to read.
        finishChunk();
        return -1;
      }
      return -1;
    }

    private boolean openChunk() throws IOException {
      long chunkEnd = Math.min(end, position + CHUNK_BYTES);
      GetObjectRequest.Builder request =
          GetObjectRequest.builder()
              .bucket(bucket)
              .key(key)
              .range("bytes=" + position + "-" + (chunkEnd - 1));
      if (etag != null) {
        request.ifMatch(etag);
      }
      try {
        current = client.getObject(request.build());
        currentEnd = chunkEnd;
        return true;
      } catch (NoSuchKeyException e) {
        throw new NoSuchFileException(location + key.substring(rootPrefix.length()));
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          throw new IOException(
              location + key.substring(rootPrefix.length()) + " changed since it was listed");
        }
        if (e.statusCode() == 416) {
          // The range starts at or after the object's end.
          position = end;
          return false;
        }
        if (e.statusCode() == 404) {
          throw new NoSuchFileException(location + key.substring(rootPrefix.length()));
        }
        throw new IOException("cannot read " + location + key + ": " + e.getMessage(), e);
      } catch (SdkException e) {
        throw new IOException("cannot read " + location + key + ": " + e.getMessage(), e);
      }
    }

    private void finishChunk() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (current != null) {
        if (position < currentEnd) {
          // Do not download the rest of the chunk just to close it.
          current.abort();
        }
        current.close();
        current = null;
      }
    }
  }
}
