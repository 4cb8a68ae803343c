package io.pipelens.testsupport.browser;

import io.pipelens.testsupport.TestServerStartException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.testcontainers.Testcontainers;
import org.testcontainers.selenium.BrowserWebDriverContainer;

/**
 * Chromium in Selenium's standalone container, for machines with Docker but no local chromium.
 * Servers on the host's loopback are reached through Testcontainers' host port forwarding ({@code
 * host.testcontainers.internal}). Use {@link io.pipelens.testsupport.Browsers#launch()} rather than
 * this class.
 */
public final class DockerChromium implements Browser {

  private static final String IMAGE = "selenium/standalone-chromium:latest";
  private static final String HOST_ALIAS = "host.testcontainers.internal";

  private final BrowserWebDriverContainer container;
  private final RemoteWebDriver driver;
  private boolean closed;

  private DockerChromium(BrowserWebDriverContainer container, RemoteWebDriver driver) {
    this.container = container;
    this.driver = driver;
  }

  /**
   * Starts the container and a browser session in it.
   *
   * @throws TestServerStartException if either does not start
   */
  public static DockerChromium launch() {
    BrowserWebDriverContainer container =
        new BrowserWebDriverContainer(IMAGE)
            .withAccessToHost(true)
            .withStartupTimeout(Duration.ofSeconds(180));
    try {
      container.start();
      RemoteWebDriver driver =
          new RemoteWebDriver(container.getSeleniumAddress(), ChromiumOptions.headless(null));
      return new DockerChromium(container, driver);
    } catch (RuntimeException e) {
      container.stop();
      throw new TestServerStartException("the Selenium Chromium container did not start: " + e, e);
    }
  }

  @Override
  public WebDriver driver() {
    return driver;
  }

  @Override
  public URI reach(URI uri) {
    Testcontainers.exposeHostPorts(uri.getPort());
    try {
      return new URI(
          uri.getScheme(), uri.getUserInfo(), HOST_ALIAS, uri.getPort(), uri.getPath(),
          uri.getQuery(), uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(uri.toString(), e);
    }
  }

  @Override
  public Path screenshot(Path file) {
    return Screenshots.write(((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES), file);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      driver.quit();
    } finally {
      container.stop();
    }
  }
}
