package io.pipelens.history.source;

import java.util.Objects;

/**
 * One entry of an {@link EventLogStore} listing: a file or a directory (on object stores, a common
 * prefix).
 *
 * @param path the entry's path relative to the store root, {@code /}-separated, never starting with
 *     {@code /}; this is what {@link EventLogStore#list} and {@link EventLogStore#openRange} take
 * @param name the last path segment
 * @param directory whether the entry can be listed rather than read
 * @param size the length in bytes (0 for directories)
 * @param modifiedMillis the last modification time in epoch milliseconds (0 when the store does not
 *     know it, as for object-store prefixes)
 */
public record StoreEntry(
    String path, String name, boolean directory, long size, long modifiedMillis) {

  /** Checks the invariants that callers rely on. */
  public StoreEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + path);
    }
  }
}
