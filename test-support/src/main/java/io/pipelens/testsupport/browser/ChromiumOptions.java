package io.pipelens.testsupport.browser;

import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeOptions;

/** The flags every test browser runs with: headless, no sandbox, nothing fetched from the network. */
final class ChromiumOptions {

  static final int WIDTH = 1280;
  static final int HEIGHT = 900;

  private ChromiumOptions() {}

  /**
   * Options for a headless Chromium with its own profile in {@code profile} (null: the browser
   * chooses, as in a container).
   */
  static ChromeOptions headless(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        // No update checks, component downloads, sync or first-run pages: tests run offline.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--force-device-scale-factor=1",
        "--lang=en-US");
    if (profile != null) {
      options.addArguments("--user-data-dir=" + profile);
    }
    return options;
  }
}
