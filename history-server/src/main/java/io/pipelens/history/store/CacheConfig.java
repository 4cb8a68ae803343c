package io.pipelens.history.store;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;
import java.nio.file.Path;

/**
 * The {@code cache} keys of the history server: how much memory replayed attempts may take, and
 * where they are kept on disk across restarts.
 *
 * @param maxMemory the estimated size of all replayed attempts kept loaded (see {@link
 *     AppStoreCache}); least recently used ones are dropped beyond it and replayed again on their
 *     next request. A quarter of the JVM's maximum heap by default; at least 1MiB
 * @param dir where snapshots of replayed attempts are written ({@code
 *     io.pipelens.history.snapshot.SnapshotStore}), so that a restart reads them instead of
 *     replaying unchanged logs; an absolute path, created when missing. Unset (the default): no
 *     snapshots, every restart replays
 * @param maxDisk the disk the snapshot files may take; the least recently used are deleted beyond
 *     it. {@value #DEFAULT_MAX_DISK_GIB}GiB by default; at least 1MiB
 */
public record CacheConfig(DataSize maxMemory, Path dir, DataSize maxDisk) {

  /** {@code max_disk} when not set, in GiB. */
  public static final int DEFAULT_MAX_DISK_GIB = 10;

  /** Applies the defaults and checks the keys. */
  public CacheConfig {
    maxMemory = maxMemory == null ? DataSize.ofBytes(defaultMaxMemory()) : maxMemory;
    Checks.require(
        maxMemory.bytes() >= 1 << 20, "max_memory", maxMemory, "must be at least 1MiB");
    if (dir != null) {
      Checks.require(dir.isAbsolute(), "dir", dir, "must be an absolute path");
    }
    maxDisk = maxDisk == null ? DataSize.ofBytes((long) DEFAULT_MAX_DISK_GIB << 30) : maxDisk;
    Checks.require(maxDisk.bytes() >= 1 << 20, "max_disk", maxDisk, "must be at least 1MiB");
  }

  /** Only the memory budget; no snapshots on disk. */
  public CacheConfig(DataSize maxMemory) {
    this(maxMemory, null, null);
  }

  /** Every key at its default. */
  public static CacheConfig defaults() {
    return new CacheConfig(null, null, null);
  }

  /** A quarter of {@code -Xmx}: the rest is for requests, the listing and the replays running. */
  static long defaultMaxMemory() {
    return Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4);
  }
}
