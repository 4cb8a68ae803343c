package io.pipelens.collector.sink.elasticsearch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The acknowledgement of one {@code write}: completes when its last document is done. */
final class WriteAck {

  private final AtomicInteger remaining;
  private final CompletableFuture<Void> future = new CompletableFuture<>();

  WriteAck(int documents) {
    this.remaining = new AtomicInteger(documents);
  }

  CompletableFuture<Void> future() {
    return future;
  }

  void documentDone() {
    if (remaining.decrementAndGet() == 0) {
      future.complete(null);
    }
  }

  void fail(Throwable cause) {
    future.completeExceptionally(cause);
  }
}
