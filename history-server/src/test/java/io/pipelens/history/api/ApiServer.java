package io.pipelens.history.api;

import com.sun.net.httpserver.HttpServer;
import io.pipelens.history.listing.ApplicationCatalog;
import io.pipelens.history.listing.Liveness;
import io.pipelens.history.store.AppStoreCache;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The API handler on a real loopback HTTP server, mounted at {@code /api/v1} like in production.
 */
final class ApiServer implements AutoCloseable {

  private final HttpServer server;

  ApiServer(ApplicationCatalog catalog, Clock clock) throws IOException {
    this(catalog, null, clock);
  }

  /** With replayed per-application resources when {@code replays} is not null. */
  ApiServer(ApplicationCatalog catalog, AppStoreCache replays, Clock clock) throws IOException {
    this(catalog, replays, clock, Liveness.NEVER_ABANDONED);
  }

  /** With attempts shown as abandoned as {@code liveness} decides. */
  ApiServer(ApplicationCatalog catalog, AppStoreCache replays, Clock clock, Liveness liveness)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1", new SparkApiHandler(catalog, replays, "/api/v1", clock, liveness));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
