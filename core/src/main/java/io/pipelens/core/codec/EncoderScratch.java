package io.pipelens.core.codec;

/**
 * What {@link ProtoLogsWriter} keeps between batches on one thread: its size slots (about eight
 * per record, which a fresh array grew to by doubling every batch) and the UTF-8 of repeated
 * strings. One per thread, lent to one writer at a time: a writer started while another on the
 * same thread has not finished (an output stream that encodes again) gets a fresh one.
 */
final class EncoderScratch {

  // 1 MiB of slots (about 30,000 records a batch) is kept; a larger batch's array is let go.
  private static final int MAX_KEPT_SLOTS = 1 << 18;
  private static final ThreadLocal<EncoderScratch> PER_THREAD =
      ThreadLocal.withInitial(EncoderScratch::new);

  final SizeCache sizes = new SizeCache();
  final Utf8Strings strings = new Utf8Strings();
  private boolean lent;

  private EncoderScratch() {}

  /** This thread's scratch, empty, or a new one if it is lent out; give it back with {@link #release}. */
  static EncoderScratch borrow() {
    EncoderScratch scratch = PER_THREAD.get();
    if (scratch.lent) {
      scratch = new EncoderScratch();
    }
    scratch.lent = true;
    return scratch;
  }

  /** Gives the scratch back once the writer is done with it. */
  void release() {
    sizes.trimTo(MAX_KEPT_SLOTS);
    lent = false;
  }
}
