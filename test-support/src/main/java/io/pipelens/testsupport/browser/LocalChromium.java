package io.pipelens.testsupport.browser;

import io.pipelens.testsupport.TestServerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven by its {@code chromedriver}, both given by path so that Selenium
 * Manager never looks for (or downloads) a browser or driver. The paths default to {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver} and can be changed with the system
 * properties {@value #BROWSER_PROPERTY} and {@value #DRIVER_PROPERTY}. Use {@link
 * io.pipelens.testsupport.Browsers#launch()} rather than this class.
 */
public final class LocalChromium implements Browser {

  public static final String BROWSER_PROPERTY = "pipelens.chromium";
  public static final String DRIVER_PROPERTY = "pipelens.chromedriver";

  private final ChromeDriver driver;
  private final Path profile;
  private boolean closed;

  private LocalChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Starts a headless Chromium with a new, empty profile.
   *
   * @throws TestServerStartException if the browser or driver is missing or does not start
   */
  public static LocalChromium launch() {
    Path browser = Path.of(System.getProperty(BROWSER_PROPERTY, "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
    for (Path executable : new Path[] {browser, chromedriver}) {
      if (!Files.isExecutable(executable)) {
        throw new TestServerStartException(
            executable
                + " is missing: browser tests need Debian's chromium and chromium-driver packages"
                + " (apt-get install chromium chromium-driver), or the system properties "
                + BROWSER_PROPERTY
                + " and "
                + DRIVER_PROPERTY);
      }
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("pipelens-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = ChromiumOptions.headless(profile);
    options.setBinary(browser.toFile());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return new LocalChromium(driver, profile);
    } catch (WebDriverException e) {
      deleteTree(profile);
      throw new TestServerStartException(
          "chromium did not start through " + chromedriver + ": " + e.getMessage(), e);
    }
  }

  @Override
  public WebDriver driver() {
    return driver;
  }

  @Override
  public URI reach(URI uri) {
    return uri;
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
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A profile left in the temp directory is harmless; the test's result is what matters.
    }
  }
}
