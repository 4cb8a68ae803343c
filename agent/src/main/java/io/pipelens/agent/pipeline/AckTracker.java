package io.pipelens.agent.pipeline;

import io.pipelens.agent.source.Checkpoints;
import io.pipelens.agent.source.FileIdentity;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns acknowledgements into checkpoints. A file's checkpoint moves to the end of a record only
 * when that record and every earlier record of the file are acknowledged by every output; batches
 * can be acknowledged out of order (two outputs, retries), so each file keeps the batches that
 * hold its records in read order and advances over the acknowledged prefix only.
 */
final class AckTracker {

  private final Checkpoints checkpoints;
  private final Object lock = new Object();
  // Guarded by lock: per file, the unacknowledged-or-blocked batches holding its records, oldest first.
  private final Map<FileIdentity, ArrayDeque<PendingBatch>> waiting = new HashMap<>();

  AckTracker(Checkpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  /** Registers a sealed batch, before it is sent, so its acknowledgement finds it in order. */
  void track(PendingBatch batch) {
    synchronized (lock) {
      for (FileIdentity file : batch.ends().keySet()) {
        waiting.computeIfAbsent(file, f -> new ArrayDeque<>()).addLast(batch);
      }
    }
  }

  /** Every output acknowledged {@code batch}: advance each of its files over the acknowledged prefix. */
  void acknowledged(PendingBatch batch) {
    batch.markAcknowledged();
    synchronized (lock) {
      for (FileIdentity file : batch.ends().keySet()) {
        ArrayDeque<PendingBatch> queue = waiting.get(file);
        if (queue == null) {
          continue;
        }
        PendingBatch.FileEnd last = null;
        while (!queue.isEmpty() && queue.peekFirst().isAcknowledged()) {
          last = queue.pollFirst().ends().get(file);
        }
        if (last != null) {
          checkpoints.advance(file, last.file().path().toString(), last.endOffset());
        }
        if (queue.isEmpty()) {
          waiting.remove(file);
        }
      }
    }
  }

  /** How many files have records that are not yet acknowledged. */
  int filesWaiting() {
    synchronized (lock) {
      return waiting.size();
    }
  }
}
