package io.pipelens.agent.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Device and inode: which file a path points to right now (after following symbolic links). Two
 * live files never share one, so it keys the tailer's reading state; a freed inode can be reused,
 * which the fingerprint in {@link FileIdentity} catches.
 */
record FileKey(long device, long inode) {

  /** Reads {@code path}'s key (the target's, for a symbolic link) and size. */
  static Stat stat(Path path) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino,size");
    return new Stat(
        new FileKey((Long) attributes.get("dev"), (Long) attributes.get("ino")),
        (Long) attributes.get("size"));
  }

  /** A key and a size read together. */
  record Stat(FileKey key, long size) {}
}
