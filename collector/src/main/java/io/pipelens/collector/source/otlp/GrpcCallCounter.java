package io.pipelens.collector.source.otlp;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** Counts every call by the status it is closed with ({@code pipelens_collector_otlp_grpc_requests_total}). */
final class GrpcCallCounter implements ServerInterceptor {

  private final OtlpMetrics metrics;

  GrpcCallCounter(OtlpMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        metrics.answered(status.getCode());
        super.close(status, trailers);
      }
    }, headers);
  }
}
