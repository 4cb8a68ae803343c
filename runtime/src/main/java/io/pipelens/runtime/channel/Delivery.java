package io.pipelens.runtime.channel;

import io.pipelens.core.record.LogRecord;
import java.util.List;

/**
 * One batch handed to the receiver. Exactly one of {@link #acknowledge()} or {@link #giveBack()}
 * must follow, once: acknowledging completes the sender's send; giving back puts the batch at the
 * head of the channel, to be delivered again (to this receiver or the next one).
 */
public interface Delivery {

  /** The batch's records, in the order they were sent; not to be modified. */
  List<LogRecord> records();

  /** The receiving side stored every record: the sender's stage completes normally. */
  void acknowledge();

  /** The receiving side could not store the batch (it is stopping): deliver it again later. */
  void giveBack();
}
