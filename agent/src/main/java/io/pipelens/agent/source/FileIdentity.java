package io.pipelens.agent.source;

/**
 * Which file this is, independent of its name: rotation renames a file, and a new file can reuse a
 * freed inode, so the agent keys everything (reading state, checkpoints) by device, inode and a
 * fingerprint of the file's first bytes.
 *
 * @param device the file system's device id ({@code unix:dev})
 * @param inode the inode number ({@code unix:ino})
 * @param fingerprint a hash of the first {@code fingerprint_bytes} of the file; 0 while the file is
 *     shorter than that, in which case device and inode alone identify it
 */
public record FileIdentity(long device, long inode, long fingerprint) {}
