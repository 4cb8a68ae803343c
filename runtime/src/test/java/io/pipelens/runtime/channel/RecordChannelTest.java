package io.pipelens.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.record.AnyValue;
import io.pipelens.core.record.LogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RecordChannelTest {

  private static RecordChannel fresh() {
    return RecordChannel.named("test-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static List<LogRecord> batch(String... bodies) {
    List<LogRecord> records = new ArrayList<>();
    for (String body : bodies) {
      records.add(LogRecord.builder().body(body).build());
    }
    return records;
  }

  private static String body(LogRecord record) {
    return ((AnyValue.StringValue) record.body()).value();
  }

  @Test
  void batchesArriveInSendOrderAndTheSendCompletesOnlyOnAcknowledgement() throws Exception {
    RecordChannel channel = fresh();
    RecordChannel.Sender sender = channel.sender(1 << 20);
    CompletableFuture<Void> first = sender.send(batch("a", "b"), 10);
    CompletableFuture<Void> second = sender.send(batch("c"), 10);
    RecordChannel.Receiver receiver = channel.receiver();

    Delivery one = receiver.poll(Duration.ofSeconds(1));
    Delivery two = receiver.poll(Duration.ofSeconds(1));
    assertThat(one.records()).extracting(RecordChannelTest::body).containsExactly("a", "b");
    assertThat(two.records()).extracting(RecordChannelTest::body).containsExactly("c");
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();

    // Acknowledged out of order: each send completes with its own acknowledgement, no earlier.
    two.acknowledge();
    assertThat(second).isCompleted();
    assertThat(first).isNotDone();
    one.acknowledge();
    assertThat(first).isCompleted();
    assertThat(sender.pendingBytes()).isZero();
    assertThat(receiver.poll(Duration.ofMillis(10))).isNull();
  }

  @Test
  void aBatchGivenBackIsDeliveredAgainBeforeLaterOnes() throws Exception {
    RecordChannel channel = fresh();
    RecordChannel.Sender sender = channel.sender(1 << 20);
    CompletableFuture<Void> first = sender.send(batch("a"), 1);
    sender.send(batch("b"), 1);
    RecordChannel.Receiver receiver = channel.receiver();
    Delivery delivered = receiver.poll(Duration.ofSeconds(1));
    delivered.giveBack();
    delivered.acknowledge(); // settled already: ignored
    assertThat(first).isNotDone();
    receiver.close();

    // The next receiver gets it again, first.
    RecordChannel.Receiver next = channel.receiver();
    Delivery again = next.poll(Duration.ofSeconds(1));
    assertThat(again.records()).extracting(RecordChannelTest::body).containsExactly("a");
    again.acknowledge();
    assertThat(first).isCompleted();
    assertThat(next.poll(Duration.ofSeconds(1)).records()).extracting(RecordChannelTest::body).containsExactly("b");
  }

  @Test
  void sendBlocksWhileTheSendersUnacknowledgedBytesAreAtTheLimit() throws Exception {
    RecordChannel channel = fresh();
    RecordChannel.Sender sender = channel.sender(100);
    sender.send(batch("a"), 60);
    AtomicReference<CompletableFuture<Void>> blocked = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        blocked.set(sender.send(batch("b"), 60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    thread.start();
    thread.join(300);
    assertThat(thread.isAlive()).as("the second send waits for room").isTrue();
    assertThat(channel.queued()).isEqualTo(1);

    RecordChannel.Receiver receiver = channel.receiver();
    Delivery first = receiver.poll(Duration.ofSeconds(1));
    assertThat(thread.isAlive()).as("polled is not acknowledged: still no room").isTrue();
    first.acknowledge();
    thread.join(5000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(receiver.poll(Duration.ofSeconds(1)).records()).extracting(RecordChannelTest::body).containsExactly("b");
    assertThat(blocked.get()).isNotDone();
  }

  @Test
  void aBatchLargerThanTheLimitStillGoesWhenNothingElseIsPending() throws Exception {
    RecordChannel channel = fresh();
    CompletableFuture<Void> big = channel.sender(10).send(batch("big"), 1000);
    Delivery delivery = channel.receiver().poll(Duration.ofSeconds(1));
    delivery.acknowledge();
    assertThat(big).isCompleted();
  }

  @Test
  void closeWaitsForAcknowledgementsThenFailsWhatIsLeft() throws Exception {
    RecordChannel channel = fresh();
    RecordChannel.Sender sender = channel.sender(1 << 20);
    CompletableFuture<Void> acked = sender.send(batch("a"), 1);
    CompletableFuture<Void> neverPolled = sender.send(batch("b"), 1);
    RecordChannel.Receiver receiver = channel.receiver();
    Delivery delivery = receiver.poll(Duration.ofSeconds(1));
    Thread acker = new Thread(() -> {
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      delivery.acknowledge();
    });
    acker.start();

    boolean flushed = sender.close(Duration.ofMillis(500));

    assertThat(flushed).isFalse();
    assertThat(acked).isCompleted();
    assertThatThrownBy(neverPolled::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ChannelClosedException.class);
    assertThat(channel.queued()).as("a closed sender's batches leave the channel").isZero();
    assertThat(sender.send(batch("c"), 1)).isCompletedExceptionally();
  }

  @Test
  void closeReturnsAtOnceWhenEverythingIsAcknowledged() throws Exception {
    RecordChannel channel = fresh();
    RecordChannel.Sender sender = channel.sender(1 << 20);
    CompletableFuture<Void> sent = sender.send(batch("a"), 1);
    channel.receiver().poll(Duration.ofSeconds(1)).acknowledge();
    assertThat(sender.close(Duration.ofSeconds(5))).isTrue();
    assertThat(sent).isCompleted();
  }

  @Test
  void oneReceiverAtATimeAndAClosedReceiverPollsNothing() throws Exception {
    RecordChannel channel = fresh();
    RecordChannel.Receiver receiver = channel.receiver();
    assertThatThrownBy(channel::receiver).isInstanceOf(IllegalStateException.class);
    channel.sender(100).send(batch("a"), 1);
    receiver.close();
    assertThat(receiver.poll(Duration.ofMillis(10))).isNull();
    assertThat(channel.queued()).as("left for the next receiver").isEqualTo(1);
    assertThat(channel.receiver().poll(Duration.ofSeconds(1))).isNotNull();
  }

  @Test
  void channelsAreFoundByNameAndNamesAreChecked() {
    assertThat(RecordChannel.named("demo-x")).isSameAs(RecordChannel.named("demo-x"));
    assertThat(RecordChannel.isValidName("bad name")).isFalse();
    assertThatThrownBy(() -> RecordChannel.named("a/b")).isInstanceOf(IllegalArgumentException.class);
  }
}
