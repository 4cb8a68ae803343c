package io.pipelens.history.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the {@link EventLogStore} for a configured log directory URI. */
public final class EventLogStores {

  private EventLogStores() {}

  /**
   * The store for {@code location}: a {@code file:} URI ({@code file:///var/log/spark}) or a plain
   * path without a scheme ({@code /var/log/spark}, {@code samples/spark-events}), with object
   * stores at their defaults.
   *
   * @throws IllegalArgumentException for any other scheme
   */
  public static EventLogStore open(URI location) {
    return open(location, ObjectStoreConfig.defaults(), ObjectStoreConfig.defaults());
  }

  /**
   * The store for {@code location}: a local directory as in {@link #open(URI)}, or {@code
   * s3://bucket/prefix} (with {@code s3}) or {@code oss://bucket/prefix} (with {@code oss}). {@code
   * s3a://} is accepted as a synonym of {@code s3://}, since Spark configurations use it.
   *
   * @throws IllegalArgumentException for any other scheme, or a URI without a bucket
   */
  public static EventLogStore open(URI location, ObjectStoreConfig s3, ObjectStoreConfig oss) {
    String scheme = location.getScheme();
    if (scheme == null) {
      return new LocalEventLogStore(Path.of(location.getPath()));
    }
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "file":
        return new LocalEventLogStore(Path.of(location));
      case "s3":
      case "s3a":
        return S3EventLogStore.open(location, s3);
      case "oss":
        return S3EventLogStore.open(location, oss);
      default:
        throw new IllegalArgumentException(
            "unsupported event log location '"
                + location
                + "': use a file: URI, a plain path, s3://bucket/prefix or oss://bucket/prefix");
    }
  }

  /** Whether {@code location}'s scheme names an object store. */
  public static boolean isObjectStore(URI location) {
    String scheme = location.getScheme();
    return scheme != null
        && switch (scheme.toLowerCase(Locale.ROOT)) {
          case "s3", "s3a", "oss" -> true;
          default -> false;
        };
  }
}
