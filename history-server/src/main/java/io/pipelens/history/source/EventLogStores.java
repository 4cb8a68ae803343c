package io.pipelens.history.source;

import java.net.URI;
import java.nio.file.Path;

/** Opens the {@link EventLogStore} for a configured log directory URI. */
public final class EventLogStores {

  private EventLogStores() {}

  /**
   * The store for {@code location}: a {@code file:} URI ({@code file:///var/log/spark}) or a plain
   * path without a scheme ({@code /var/log/spark}, {@code samples/spark-events}).
   *
   * @throws IllegalArgumentException for any other scheme; object stores are not supported yet
   */
  public static EventLogStore open(URI location) {
    String scheme = location.getScheme();
    if (scheme == null) {
      return new LocalEventLogStore(Path.of(location.getPath()));
    }
    if (scheme.equalsIgnoreCase("file")) {
      return new LocalEventLogStore(Path.of(location));
    }
    throw new IllegalArgumentException(
        "unsupported event log location '"
            + location
            + "': only file: URIs and plain paths are supported in this version");
  }
}
