package io.pipelens.history.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Read-only access to a directory of Spark event logs: list entries with size and modification
 * time, and read a byte range of a file.
 *
 * <p>This is the only storage contract the listing needs, chosen so that an object store (S3, OSS,
 * GCS) can implement it with one LIST per directory and ranged GETs. Paths are always relative to
 * the store root and {@code /}-separated; implementations must refuse paths that would leave the
 * root.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventLogStore extends AutoCloseable {

  /**
   * The root this store reads as a URI ending in {@code /}, so that {@code location() + path} names
   * an entry; used in log messages and as the prefix of listing keys.
   */
  String location();

  /**
   * The entries directly under {@code directory} ({@code ""} for the root), in no particular order.
   *
   * @throws java.nio.file.NoSuchFileException if the directory does not exist
   * @throws IOException if the listing fails
   */
  List<StoreEntry> list(String directory) throws IOException;

  /**
   * The entries directly under {@code directory} whose name starts with {@code namePrefix}: what an
   * on-demand lookup of one application lists. An object store asks for the prefix alone; the
   * default filters {@link #list(String)}.
   *
   * @throws java.nio.file.NoSuchFileException if the directory does not exist
   * @throws IOException if the listing fails
   */
  default List<StoreEntry> list(String directory, String namePrefix) throws IOException {
    return list(directory).stream().filter(entry -> entry.name().startsWith(namePrefix)).toList();
  }

  /**
   * Opens {@code length} bytes of {@code path} starting at {@code offset}; fewer bytes come back
   * when the file is shorter. The caller closes the stream.
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist (for example renamed from
   *     {@code .inprogress} since it was listed)
   * @throws IOException if the read cannot start
   */
  InputStream openRange(String path, long offset, long length) throws IOException;

  /**
   * Like {@link #openRange(String, long, long)} for a file as a listing returned it; a store that
   * can tell may refuse (with an {@link IOException}) a file whose content changed since, instead
   * of returning bytes of two versions.
   */
  default InputStream openRange(StoreEntry file, long offset, long length) throws IOException {
    return openRange(file.path(), offset, length);
  }

  /** Releases clients and connections; the store is not used afterwards. Nothing by default. */
  @Override
  default void close() {}
}
