package io.pipelens.agent.app;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor, configured through a Kafka output's {@code properties} as any other, that
 * throws an {@link Error} from {@code producer.send}: the producer catches an interceptor's
 * exceptions but not its errors, so the output's worker meets the error as it would an OOM there.
 */
public final class ErrorOnSendInterceptor implements ProducerInterceptor<byte[], byte[]> {

  /** The error's message, for assertions. */
  public static final String MESSAGE = "thrown by ErrorOnSendInterceptor";

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    throw new StackOverflowError(MESSAGE);
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) { }

  @Override
  public void close() { }

  @Override
  public void configure(Map<String, ?> configs) { }
}
