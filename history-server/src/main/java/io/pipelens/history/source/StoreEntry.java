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
 * @param etag the object store's entity tag, which changes whenever the content does; {@code ""}
 *     when the store has none (local files, directories)
 */
public record StoreEntry(
    String path, String name, boolean directory, long size, long modifiedMillis, String etag) {

  /** Checks the invariants that callers rely on. */
  public StoreEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    etag = etag == null ? "" : etag;
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + path);
    }
  }

  /** An entry without an entity tag. */
  public StoreEntry(String path, String name, boolean directory, long size, long modifiedMillis) {
    this(path, name, directory, size, modifiedMillis, "");
  }
}
