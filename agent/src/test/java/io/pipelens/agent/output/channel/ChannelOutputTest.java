package io.pipelens.agent.output.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.agent.app.AgentConfig;
import io.pipelens.agent.output.OutputStoppedException;
import io.pipelens.agent.output.RecordBatch;
import io.pipelens.agent.output.TestRecords;
import io.pipelens.core.config.ConfigException;
import io.pipelens.core.config.ConfigLoader;
import io.pipelens.core.record.LogRecord;
import io.pipelens.core.record.Resource;
import io.pipelens.runtime.channel.Delivery;
import io.pipelens.runtime.channel.RecordChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ChannelOutputTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final String channelName = "agent-test-" + UUID.randomUUID().toString().substring(0, 8);

  private static RecordBatch batch(int offset) {
    Resource pod = TestRecords.sparkPod("app-1", "uid-1");
    List<LogRecord> records = List.of(TestRecords.record(pod, "engine", "/var/log/a.log", offset, "line " + offset));
    return new RecordBatch(records, 100);
  }

  @Test
  void aBatchIsAcknowledgedOnlyWhenTheReceiverStoredIt() throws Exception {
    ChannelOutput output = ChannelOutput.create("channel", new ChannelOutputConfig(channelName, null), registry);
    output.start();
    RecordChannel.Receiver receiver = RecordChannel.named(channelName).receiver();

    CompletionStage<Void> sent = output.send(batch(0));
    Delivery delivery = receiver.poll(Duration.ofSeconds(5));
    assertThat(delivery.records()).isEqualTo(batch(0).records());
    assertThat(sent.toCompletableFuture()).isNotDone();
    assertThat(registry.get("pipelens.agent.output.queue.bytes").gauge().value()).isEqualTo(100);

    delivery.acknowledge();
    sent.toCompletableFuture().get();
    assertThat(registry.get("pipelens.agent.output.sent.records").counter().count()).isEqualTo(1);
    assertThat(registry.get("pipelens.agent.output.queue.bytes").gauge().value()).isZero();
    output.stop(Duration.ofSeconds(1));
    receiver.close();
  }

  @Test
  void stoppingFailsWhatTheReceiverDidNotStore() throws Exception {
    ChannelOutput output = ChannelOutput.create("channel", new ChannelOutputConfig(channelName, null), registry);
    output.start();
    CompletableFuture<Void> sent = output.send(batch(7)).toCompletableFuture();

    output.stop(Duration.ofMillis(50));

    assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(OutputStoppedException.class);
    assertThat(RecordChannel.named(channelName).queued()).isZero();
  }

  @Test
  void configNeedsAValidChannelName() throws ConfigException {
    ConfigLoader loader = ConfigLoader.create(Map.of());
    AgentConfig config = loader.parse("""
        data_dir: /tmp/agent
        inputs: [{file: {paths: [/tmp/x/*.log]}}]
        outputs: [{channel: {name: demo, max_pending: 1MiB}}]
        """, "agent.yaml", AgentConfig.class);
    assertThat(config.outputs().get(0).channel().maxPending().bytes()).isEqualTo(1L << 20);
    assertThat(config.outputNames()).containsExactly("channel");

    assertThatThrownBy(() -> loader.parse("outputs: [{channel: {name: 'a b'}}]", "agent.yaml", AgentConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].channel.name");
    assertThatThrownBy(() -> loader.parse("outputs: [{channel: {}}]", "agent.yaml", AgentConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].channel.name");
  }
}
