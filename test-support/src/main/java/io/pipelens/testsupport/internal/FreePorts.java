package io.pipelens.testsupport.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on the loopback interface, found by letting the kernel pick them. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * {@code count} distinct ports that were free a moment ago. All sockets stay bound until every
   * port is picked, so the kernel cannot hand out the same port twice.
   */
  public static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not bind a free port on the loopback interface", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a bound, unused server socket does not fail in a way that matters here.
        }
      }
    }
  }

  /** One port that was free a moment ago. */
  public static int pick() {
    return pick(1).get(0);
  }
}
