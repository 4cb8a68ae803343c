package io.pipelens.collector.source.otlp;

import java.io.IOException;

/** A request body, as sent or once decompressed, is larger than {@code max_request_size}. */
final class BodyTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  BodyTooLargeException(String message) {
    super(message);
  }
}
