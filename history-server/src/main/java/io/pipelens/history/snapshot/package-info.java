/**
 * On-disk snapshots of replayed attempts ({@code cache.dir}): {@link
 * io.pipelens.history.snapshot.SnapshotFormat} writes an {@link io.pipelens.history.replay.AppState}
 * as a compact, versioned, checksummed binary file, one small codec per model class ({@code
 * JobCodec}, {@code StageCodec}, {@code TaskCodec}, ...), so that a field added to the model is a
 * change to its codec and the format version; {@link io.pipelens.history.snapshot.SnapshotStore}
 * keeps the files within a disk budget and reads one instead of replaying when the log is
 * unchanged. No Java serialization: the reader builds the model field by field and checks every
 * count and bound.
 */
package io.pipelens.history.snapshot;
