package io.pipelens.history.store;

import io.pipelens.core.config.Checks;
import io.pipelens.core.config.DataSize;

/**
 * The {@code cache} keys of the history server: how much memory replayed attempts may take.
 *
 * @param maxMemory the estimated size of all replayed attempts kept loaded (see {@link
 *     AppStoreCache}); least recently used ones are dropped beyond it and replayed again on their
 *     next request. A quarter of the JVM's maximum heap by default; at least 1MiB
 */
public record CacheConfig(DataSize maxMemory) {

  /** Applies the default and checks the key. */
  public CacheConfig {
    maxMemory = maxMemory == null ? DataSize.ofBytes(defaultMaxMemory()) : maxMemory;
    Checks.require(
        maxMemory.bytes() >= 1 << 20, "max_memory", maxMemory, "must be at least 1MiB");
  }

  /** Every key at its default. */
  public static CacheConfig defaults() {
    return new CacheConfig(null);
  }

  /** A quarter of {@code -Xmx}: the rest is for requests, the listing and the replays running. */
  static long defaultMaxMemory() {
    return Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4);
  }
}
