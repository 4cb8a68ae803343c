package io.pipelens.testsupport.browser;

import java.net.URI;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;

/**
 * A real, headless Chromium driven through Selenium, for tests of pages served by the code under
 * test. Start one with {@link io.pipelens.testsupport.Browsers#launch()}; {@link #close()} quits the
 * browser and removes its profile.
 */
public interface Browser extends AutoCloseable {

  /** The WebDriver session; one window, 1280×900. */
  WebDriver driver();

  /**
   * The address under which the browser reaches a server this JVM started on {@code uri} (a
   * loopback address). The same URI for a local browser; for a browser in a container the host's
   * port is exposed to it and the host name rewritten.
   */
  URI reach(URI uri);

  /** Opens {@code uri} (as given to {@link #reach}) in the window. */
  default void open(URI uri) {
    driver().get(reach(uri).toString());
  }

  /** Writes a PNG of the window to {@code file}, creating its directory, and returns the file. */
  Path screenshot(Path file);

  /** Quits the browser and removes its profile directory. Does nothing when closed already. */
  @Override
  void close();
}
