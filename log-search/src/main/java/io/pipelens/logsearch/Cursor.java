package io.pipelens.logsearch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended: the sort values of its last hit ({@code @timestamp} in epoch nanoseconds,
 * {@code log.offset} or {@link LogFields#NO_OFFSET}, and {@code event.id}), as opaque URL-safe text
 * that both stores understand.
 */
record Cursor(long timestampNanos, long offset, String id) {

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((timestampNanos + ":" + offset + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** Where {@code hit} is in the search order. */
  static Cursor of(LogHit hit) {
    return new Cursor(Instants.nanos(hit.timestamp()), hit.offset(), hit.id());
  }

  static Cursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int first = plain.indexOf(':');
      int second = plain.indexOf(':', first + 1);
      return new Cursor(Long.parseLong(plain.substring(0, first)),
          Long.parseLong(plain.substring(first + 1, second)), plain.substring(second + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a search_after cursor: " + text, e);
    }
  }
}
