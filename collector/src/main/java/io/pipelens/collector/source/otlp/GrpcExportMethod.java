package io.pipelens.collector.source.otlp;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.pipelens.core.codec.CodecException;
import io.pipelens.core.config.Durations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One OTLP {@code Export} method over gRPC, with the OTLP/HTTP receiver's semantics: refused as
 * {@code UNAVAILABLE} while the collector cannot store (stopping, or the sink is full), {@code
 * RESOURCE_EXHAUSTED} beyond {@code max_in_flight_bytes}, both with a {@code RetryInfo} so clients
 * retry; {@code INVALID_ARGUMENT} for what does not decode; answered {@code OK} only once stored,
 * else {@code UNAVAILABLE} after {@code ack_timeout}. The token is checked before the message is
 * read ({@link GrpcAuthentication}) and the size limit by gRPC itself, on the decompressed message.
 *
 * <p>The request is carried as bytes and decoded by core's codec, not by generated classes.
 * Nothing blocks a gRPC thread: the answer is sent when the sink's acknowledgement completes.
 */
final class GrpcExportMethod implements ServerCalls.UnaryMethod<GrpcExportMethod.Body, byte[]> {

  /**
   * A request's bytes, or why they could not be read: gRPC checks a compressed message's size
   * only while it is decompressed, inside the marshaller, where a failure would reach the client as
   * {@code UNKNOWN}; carried here, it is answered as the {@code RESOURCE_EXHAUSTED} it is.
   */
  record Body(byte[] bytes, Status refusal) {}

  private static final MethodDescriptor.Marshaller<Body> REQUEST = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(Body value) {
      return new ByteArrayInputStream(value.bytes());
    }

    @Override
    public Body parse(InputStream stream) {
      try {
        return new Body(stream.readAllBytes(), null);
      } catch (StatusRuntimeException e) {
        return new Body(null, e.getStatus());
      } catch (IOException e) {
        return new Body(null, Status.INVALID_ARGUMENT.withDescription("unreadable message: " + e.getMessage()));
      }
    }
  };

  /** The empty {@code Export*ServiceResponse}: no partial success to report. */
  private static final byte[] EMPTY_RESPONSE = new byte[0];
  static final Duration RETRY_BUSY = Duration.ofSeconds(1);
  static final Duration RETRY_UNAVAILABLE = Duration.ofSeconds(5);
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private final OtlpExport export;
  private final ByteBudget inFlight;
  private final Duration ackTimeout;
  private final BooleanSupplier stopping;

  GrpcExportMethod(OtlpExport export, ByteBudget inFlight, Duration ackTimeout, BooleanSupplier stopping) {
    this.export = export;
    this.inFlight = inFlight;
    this.ackTimeout = ackTimeout;
    this.stopping = stopping;
  }

  /** {@code service/Export} (for example {@code opentelemetry.proto.collector.logs.v1.LogsService}), bound to this. */
  ServerMethodDefinition<Body, byte[]> definition(String service) {
    MethodDescriptor<Body, byte[]> method = MethodDescriptor.<Body, byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
        .setRequestMarshaller(REQUEST)
        .setResponseMarshaller(BYTES)
        .build();
    return ServerMethodDefinition.create(method, ServerCalls.asyncUnaryCall(this));
  }

  @Override
  public void invoke(Body body, StreamObserver<byte[]> responses) {
    // Without a cancel handler, answering a call its client gave up on throws.
    ((ServerCallStreamObserver<byte[]>) responses).setOnCancelHandler(() -> { });
    if (body.refusal() != null) {
      responses.onError(body.refusal().asRuntimeException());
      return;
    }
    byte[] request = body.bytes();
    if (stopping.getAsBoolean() || !export.hasCapacity()) {
      responses.onError(retryable(Status.UNAVAILABLE, "the collector cannot store records right now; retry later",
          RETRY_UNAVAILABLE));
      return;
    }
    long size = request.length;
    if (!inFlight.tryAcquire(size)) {
      responses.onError(retryable(Status.RESOURCE_EXHAUSTED, "too many requests in flight; retry later", RETRY_BUSY));
      return;
    }
    CompletableFuture<Void> stored;
    try {
      stored = export.export(request, GrpcAuthentication.TEAM.get());
    } catch (CodecException e) {
      inFlight.release(size);
      responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    } catch (RuntimeException e) {
      inFlight.release(size);
      responses.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      return;
    }
    // A copy times out, so the sink's own future is left alone.
    stored.copy().orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ignored, error) -> {
      inFlight.release(size);
      if (error == null) {
        responses.onNext(EMPTY_RESPONSE);
        responses.onCompleted();
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      String message = cause instanceof TimeoutException
          ? "the records were not stored within " + Durations.format(ackTimeout) + "; retry later"
          : "the records were not stored: " + cause.getMessage();
      responses.onError(retryable(Status.UNAVAILABLE, message, RETRY_UNAVAILABLE));
    });
  }

  private static StatusRuntimeException retryable(Status status, String message, Duration delay) {
    Status described = status.withDescription(message);
    return described.asRuntimeException(GrpcStatuses.retryAfter(described, delay));
  }
}
