package io.pipelens.agent.checkpoint;

import java.time.Instant;

/**
 * One file's checkpoint as stored in {@code checkpoints.json}.
 *
 * @param device the file system's device id
 * @param inode the inode number
 * @param fingerprint the hash of the file's first bytes; 0 while it was shorter than that
 * @param path where the file was last seen, for people reading the file and for expiry
 * @param offset everything before it was acknowledged by every output
 * @param updated when the offset last moved
 */
public record CheckpointEntry(
    long device, long inode, long fingerprint, String path, long offset, Instant updated) {}
