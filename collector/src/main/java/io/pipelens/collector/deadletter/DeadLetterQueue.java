package io.pipelens.collector.deadletter;

import io.pipelens.runtime.lifecycle.Service;
import java.util.concurrent.CompletableFuture;

/** Keeps what could not be indexed, so nothing is dropped silently. */
public interface DeadLetterQueue extends Service {

  /**
   * Stores {@code letter}. The future completes once it is durably kept (the broker acknowledged
   * it, or it was written to the file); only then may the source acknowledge the original.
   */
  CompletableFuture<Void> send(DeadLetter letter);
}
