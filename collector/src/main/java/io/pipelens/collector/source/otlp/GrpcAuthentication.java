package io.pipelens.collector.source.otlp;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Checks the {@code authorization: Bearer <token>} header of every call before its message is
 * read: an unknown or missing token closes the call {@code UNAUTHENTICATED}; a known one puts its
 * team in {@link #TEAM} for the method.
 */
final class GrpcAuthentication implements ServerInterceptor {

  static final Context.Key<String> TEAM = Context.key("pipelens.team");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final BearerTokens tokens;

  GrpcAuthentication(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String team = tokens.team(headers.get(AUTHORIZATION));
    if (team == null) {
      call.close(Status.UNAUTHENTICATED.withDescription(
          "a valid authorization: Bearer <token> header is required"), new Metadata());
      return new ServerCall.Listener<>() { };
    }
    return Contexts.interceptCall(Context.current().withValue(TEAM, team), call, headers, next);
  }
}
