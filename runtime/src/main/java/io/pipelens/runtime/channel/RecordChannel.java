package io.pipelens.runtime.channel;

import io.pipelens.core.record.LogRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A named in-process channel of record batches, from any number of {@link Sender}s to one
 * receiver, in send order.
 *
 * <p><b>At least once.</b> {@link Sender#send} returns a future that completes only when the
 * receiver {@linkplain Delivery#acknowledge() acknowledged} the batch, that is, when the receiving
 * side's sinks stored it. A batch the receiver {@linkplain Delivery#giveBack() gives back} goes to
 * the head of the queue and is delivered again. A future completes exceptionally ({@link
 * ChannelClosedException}) only when its sender is closed first; the sender's records are then not
 * stored, and its owner must read them again (the agent's checkpoint never moved past them).
 *
 * <p><b>Backpressure.</b> Each sender has a limit of bytes sent and not yet acknowledged; {@code
 * send} blocks while the limit is reached (a batch larger than the limit still goes when nothing
 * else is pending), so a receiver that is slow, or not there yet, bounds its senders' memory.
 *
 * <p>Channels are found by name in the JVM ({@link #named}); whichever side comes first creates
 * it, so the agent and the collector may start in either order. Thread-safe.
 */
public final class RecordChannel {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Map<String, RecordChannel> CHANNELS = new ConcurrentHashMap<>();

  private final String name;
  private final Object lock = new Object();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
  private boolean receiverAttached; // guarded by lock

  private RecordChannel(String name) {
    this.name = name;
  }

  /** The channel called {@code name} in this JVM, created on first use. */
  public static RecordChannel named(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a channel name is 1 to 64 letters, digits, '.', '_' or '-': " + name);
    }
    return CHANNELS.computeIfAbsent(name, RecordChannel::new);
  }

  /** Whether {@code name} is a valid channel name; for configuration checks. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The channel's name. */
  public String name() {
    return name;
  }

  /** A new sender whose unacknowledged bytes stay at or below {@code maxPendingBytes}. */
  public Sender sender(long maxPendingBytes) {
    if (maxPendingBytes <= 0) {
      throw new IllegalArgumentException("maxPendingBytes must be positive: " + maxPendingBytes);
    }
    return new Sender(maxPendingBytes);
  }

  /**
   * Attaches the channel's receiver. There is one at a time: a second call before the first
   * receiver {@linkplain Receiver#close() closed} fails.
   */
  public Receiver receiver() {
    synchronized (lock) {
      if (receiverAttached) {
        throw new IllegalStateException("channel " + name + " already has a receiver");
      }
      receiverAttached = true;
      return new Receiver();
    }
  }

  /** Batches sent and not yet handed to the receiver. */
  public int queued() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /** A batch between its send and its acknowledgement; delivered once or, given back, again. */
  // Not a record: identity equality, so a set of them never hashes the records.
  private static final class Pending {
    private final Sender sender;
    private final List<LogRecord> records;
    private final long bytes;
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();

    private Pending(Sender sender, List<LogRecord> records, long bytes) {
      this.sender = sender;
      this.records = records;
      this.bytes = bytes;
    }

    Sender sender() {
      return sender;
    }

    List<LogRecord> records() {
      return records;
    }

    long bytes() {
      return bytes;
    }

    CompletableFuture<Void> acknowledged() {
      return acknowledged;
    }
  }

  /** One hand-over of a pending batch to the receiver. */
  private final class Handed implements Delivery {
    private final Pending pending;
    private final AtomicBoolean settled = new AtomicBoolean();

    private Handed(Pending pending) {
      this.pending = pending;
    }

    @Override
    public List<LogRecord> records() {
      return pending.records();
    }

    @Override
    public void acknowledge() {
      if (settled.compareAndSet(false, true)) {
        pending.sender().settled(pending);
        pending.acknowledged().complete(null);
      }
    }

    @Override
    public void giveBack() {
      if (!settled.compareAndSet(false, true) || pending.acknowledged().isDone()) {
        return; // settled already, or its sender closed and failed it: nobody waits for it
      }
      synchronized (lock) {
        queue.addFirst(pending);
        lock.notifyAll();
      }
    }
  }

  /** One sending side, such as one agent output. */
  public final class Sender {
    private final long maxPendingBytes;
    private final Object budgetLock = new Object();
    private long pendingBytes; // guarded by budgetLock
    private int pendingBatches; // guarded by budgetLock
    private boolean closed; // guarded by budgetLock
    private final Set<Pending> unsettled = ConcurrentHashMap.newKeySet();

    private Sender(long maxPendingBytes) {
      this.maxPendingBytes = maxPendingBytes;
    }

    /** The channel this sender writes to. */
    public RecordChannel channel() {
      return RecordChannel.this;
    }

    /**
     * Queues {@code records} (counted as {@code bytes} against the limit), blocking while the
     * limit is reached. The future completes when the receiver acknowledged them, or exceptionally
     * with {@link ChannelClosedException} if this sender is closed first.
     */
    public CompletableFuture<Void> send(List<LogRecord> records, long bytes) throws InterruptedException {
      Objects.requireNonNull(records, "records");
      if (records.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      long size = Math.max(1, bytes);
      synchronized (budgetLock) {
        while (!closed && pendingBatches > 0 && pendingBytes + size > maxPendingBytes) {
          budgetLock.wait();
        }
        if (closed) {
          return CompletableFuture.failedFuture(
              new ChannelClosedException("the sender of channel " + name + " is closed"));
        }
        pendingBytes += size;
        pendingBatches++;
      }
      Pending pending = new Pending(this, List.copyOf(records), size);
      unsettled.add(pending);
      synchronized (lock) {
        queue.addLast(pending);
        lock.notifyAll();
      }
      return pending.acknowledged();
    }

    /** Bytes sent and not yet acknowledged. */
    public long pendingBytes() {
      synchronized (budgetLock) {
        return pendingBytes;
      }
    }

    /**
     * Stops sending: waits up to {@code deadline} for what was sent to be acknowledged, then fails
     * the rest with {@link ChannelClosedException} and takes it off the channel. Returns whether
     * everything was acknowledged in time.
     */
    public boolean close(Duration deadline) throws InterruptedException {
      long end = System.nanoTime() + Math.max(0, deadline.toNanos());
      synchronized (budgetLock) {
        closed = true;
        budgetLock.notifyAll();
        long left;
        while (pendingBatches > 0 && (left = end - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(budgetLock, left);
        }
      }
      boolean flushed;
      synchronized (lock) {
        for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
          if (it.next().sender() == this) {
            it.remove();
          }
        }
      }
      ChannelClosedException closedBeforeAck = new ChannelClosedException(
          "channel " + name + ": the sender closed before the receiver acknowledged the batch");
      synchronized (budgetLock) {
        flushed = pendingBatches == 0;
      }
      for (Pending pending : unsettled) {
        pending.acknowledged().completeExceptionally(closedBeforeAck);
      }
      unsettled.clear();
      return flushed;
    }

    private void settled(Pending pending) {
      unsettled.remove(pending);
      synchronized (budgetLock) {
        pendingBytes -= pending.bytes();
        pendingBatches--;
        budgetLock.notifyAll();
      }
    }
  }

  /** The receiving side, such as the collector's channel input. */
  public final class Receiver {
    private boolean closed; // guarded by lock

    private Receiver() {}

    /** The channel this receiver reads. */
    public RecordChannel channel() {
      return RecordChannel.this;
    }

    /** The next batch, waiting up to {@code timeout}; null when none came or the receiver closed. */
    public Delivery poll(Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + Math.max(0, timeout.toNanos());
      synchronized (lock) {
        long left;
        while (!closed && queue.isEmpty() && (left = end - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
        Pending next = closed ? null : queue.pollFirst();
        return next == null ? null : new Handed(next);
      }
    }

    /**
     * Detaches this receiver; batches not yet polled stay queued for the next one. Deliveries it
     * polled must still be acknowledged or given back.
     */
    public void close() {
      synchronized (lock) {
        if (!closed) {
          closed = true;
          receiverAttached = false;
          lock.notifyAll();
        }
      }
    }
  }
}
