package io.pipelens.testsupport;

import java.util.function.Supplier;

/**
 * One server per JVM, started on first use. A failed first start is remembered and reported to
 * every later caller instead of being retried: a second two-minute timeout would only hide the
 * first explanation.
 */
final class LazyServer<T extends TestServer> {

  private final String name;
  private final Supplier<T> starter;
  private T server;
  private RuntimeException startFailure;

  LazyServer(String name, Supplier<T> starter) {
    this.name = name;
    this.starter = starter;
  }

  /** The started server; starts it again if a test stopped it and did not restart it. */
  synchronized T get() {
    if (startFailure != null) {
      throw new TestServerStartException(
          name + " failed to start earlier in this JVM, not trying again: " + startFailure.getMessage(),
          startFailure);
    }
    if (server == null) {
      try {
        server = starter.get();
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    } else if (!server.isRunning()) {
      server.start();
    }
    return server;
  }
}
