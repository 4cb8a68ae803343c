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

  /**
   * Writes a PNG of the whole page, not just the window: the window is stretched to the page's
   * height (at most {@code maxHeight} pixels) for the shot, then restored.
   */
  default Path screenshotFullPage(Path file, int maxHeight) {
    WebDriver driver = driver();
    org.openqa.selenium.Dimension before = driver.manage().window().getSize();
    Object height = ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("return document.documentElement.scrollHeight");
    int pageHeight = height instanceof Number n ? n.intValue() : before.getHeight();
    // The window is taller than its viewport by the browser's own bars.
    int chrome = before.getHeight() - ((Number) ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("return window.innerHeight")).intValue();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(
        before.getWidth(), Math.min(maxHeight, pageHeight + Math.max(0, chrome))));
    try {
      return screenshot(file);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Quits the browser and removes its profile directory. Does nothing when closed already. */
  @Override
  void close();
}
