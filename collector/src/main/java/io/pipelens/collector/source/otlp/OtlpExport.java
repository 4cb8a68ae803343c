package io.pipelens.collector.source.otlp;

import io.pipelens.core.codec.CodecException;
import java.util.concurrent.CompletableFuture;

/**
 * What one OTLP export request does once it is authenticated and within the limits, the same for
 * OTLP/HTTP and OTLP/gRPC: decode the protobuf body and hand it on.
 */
interface OtlpExport {

  /**
   * Decodes {@code request} and hands it to where it is kept, for {@code team}.
   *
   * @return completes once what was handed on is stored; the client is answered only then
   * @throws CodecException if the body is not a valid request; nothing was handed on
   */
  CompletableFuture<Void> export(byte[] request, String team) throws CodecException;

  /** Whether there is room for a request now; false answers it as unavailable, to be retried. */
  boolean hasCapacity();
}
