package io.pipelens.collector.sink.elasticsearch;

/** What one bulk item's status means for its document. */
enum ItemOutcome {
  /** Indexed now. */
  CREATED,
  /** A document with this id exists: an earlier delivery indexed it. Success. */
  DUPLICATE,
  /** Elasticsearch is busy or a shard is unavailable: send again later. */
  RETRY,
  /** The document itself is wrong (a mapping conflict, say): dead letter it, never resend. */
  REJECT;

  static ItemOutcome of(int status) {
    if (status >= 200 && status < 300) {
      return CREATED;
    }
    if (status == 409) {
      return DUPLICATE;
    }
    if (status == 429 || status >= 500) {
      return RETRY;
    }
    return REJECT;
  }
}
