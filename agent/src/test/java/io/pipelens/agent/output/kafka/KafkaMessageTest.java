package io.pipelens.agent.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.output.internal.BatchDelivery;
import io.pipelens.agent.output.internal.OutputMetrics;
import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaMessageTest {

  private final ExecutorService completer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopCompleter() {
    completer.shutdownNow();
  }

  @Test
  void aMessageDoneWithLetsGoOfItsValueButKeepsItsSize() throws Exception {
    KafkaMessage message = message(new byte[1 << 20]);
    WeakReference<byte[]> value = new WeakReference<>(message.value());
    assertThat(message.bytes()).isEqualTo(1 << 20);

    message.done();

    // The message itself stays reachable (as a completed producer batch's callback keeps it);
    // its value must not.
    for (int i = 0; i < 50 && value.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(value.get()).isNull();
    assertThat(message.bytes()).isEqualTo(1 << 20);
    assertThatThrownBy(message::value).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMessageNotDoneWithKeepsItsValueForAResend() throws Exception {
    byte[] bytes = {1, 2, 3};
    KafkaMessage message = message(bytes);
    System.gc();
    assertThat(message.value()).isSameAs(bytes);
    assertThat(message.bytes()).isEqualTo(3);
  }

  private KafkaMessage message(byte[] value) {
    BatchDelivery delivery =
        new BatchDelivery(1, new OutputMetrics(new SimpleMeterRegistry(), "test", () -> 0L), completer);
    return new KafkaMessage("topic", null, 1, value, delivery, 0, "");
  }
}
