package io.pipelens.agent.source;

import java.util.OptionalLong;

/**
 * Where each file's reading resumes after a restart: the offset up to which every record was
 * acknowledged by every output. The tailer reads it; the pipeline advances it.
 */
public interface Checkpoints {

  /** The acknowledged offset of {@code file}, if the agent has read it before. */
  OptionalLong offset(FileIdentity file);

  /**
   * Records that everything in {@code file} before {@code offset} was acknowledged. Offsets only
   * move forward; a smaller one is ignored. Persisted periodically and on {@link #flush()}.
   */
  void advance(FileIdentity file, String path, long offset);

  /** {@code file} is gone and read to its end: its checkpoint can be dropped. */
  void forget(FileIdentity file);

  /** Writes the current state to disk atomically (temporary file, fsync, rename). */
  void flush();
}
