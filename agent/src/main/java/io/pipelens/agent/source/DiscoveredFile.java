package io.pipelens.agent.source;

import java.nio.file.Path;

/**
 * A file a scan found.
 *
 * @param path where the glob matched it (the symbolic link itself, for a link)
 * @param key the file it is (the link's target, for a link)
 * @param size its size at the scan
 */
record DiscoveredFile(Path path, FileKey key, long size) {}
