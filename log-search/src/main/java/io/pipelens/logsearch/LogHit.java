package io.pipelens.logsearch;

import java.time.Instant;
import java.util.Map;

/**
 * One document found.
 *
 * @param id the document id ({@code _id}, also {@code event.id})
 * @param timestamp {@code @timestamp}, to the nanosecond
 * @param offset the store's sort value of {@code log.offset}: the offset, or {@link
 *     LogFields#NO_OFFSET} for a record that came from no file
 * @param source the whole document, as docs/collector-schema.md describes it
 */
public record LogHit(String id, Instant timestamp, long offset, Map<String, Object> source) {

  /** Where this hit is in the search order, for {@link LogQuery#withSearchAfter}. */
  public String cursor() {
    return Cursor.of(this).encode();
  }

  /** {@code message}, or null. */
  public String message() {
    return source.get("message") instanceof String message ? message : null;
  }
}
