package io.pipelens.collector.source.otlp;

import com.google.protobuf.CodedOutputStream;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * gRPC error statuses as OTLP clients read them. A retryable refusal carries a {@code
 * google.rpc.RetryInfo} in the {@code grpc-status-details-bin} trailer: the OTLP specification
 * has clients retry {@code RESOURCE_EXHAUSTED} only when it is there, and wait its delay before
 * retrying {@code UNAVAILABLE}. Encoded by hand, since these two messages are all the collector
 * needs of {@code google.rpc}.
 */
final class GrpcStatuses {

  static final Metadata.Key<byte[]> STATUS_DETAILS =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);
  private static final String RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";

  private GrpcStatuses() {}

  /** Trailers telling the client to retry after {@code delay}, for {@code status}. */
  static Metadata retryAfter(Status status, Duration delay) {
    Metadata trailers = new Metadata();
    trailers.put(STATUS_DETAILS, statusWithRetryInfo(status, delay));
    return trailers;
  }

  // google.rpc.Status{code = 1, message = 2, details = 3 (Any{type_url = 1, value = 2})},
  // RetryInfo{retry_delay = 1 (Duration{seconds = 1, nanos = 2})}.
  static byte[] statusWithRetryInfo(Status status, Duration delay) {
    try {
      byte[] duration = message(out -> {
        out.writeInt64(1, delay.getSeconds());
        if (delay.getNano() != 0) {
          out.writeInt32(2, delay.getNano());
        }
      });
      byte[] retryInfo = message(out -> out.writeByteArray(1, duration));
      byte[] any = message(out -> {
        out.writeString(1, RETRY_INFO_TYPE);
        out.writeByteArray(2, retryInfo);
      });
      return message(out -> {
        out.writeInt32(1, status.getCode().value());
        if (status.getDescription() != null) {
          out.writeString(2, status.getDescription());
        }
        out.writeByteArray(3, any);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a google.rpc.Status in memory", e);
    }
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.write(out);
    out.flush();
    return bytes.toByteArray();
  }
}
