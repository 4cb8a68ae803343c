package io.pipelens.testsupport;

import io.pipelens.testsupport.browser.Browser;
import io.pipelens.testsupport.browser.DockerChromium;
import io.pipelens.testsupport.browser.LocalChromium;

/**
 * Starts browsers for tests, in the same place as the test servers ({@code pipelens.test.servers}):
 * a local headless Chromium, or Selenium's Chromium container under Docker. Unlike the servers a
 * browser is not shared: each caller gets its own and closes it.
 */
public final class Browsers {

  private Browsers() {}

  /**
   * A new headless browser, 1280×900, with an empty profile.
   *
   * @throws TestServerStartException if it does not start; the message says why
   */
  public static Browser launch() {
    return BackendSelection.docker() ? DockerChromium.launch() : LocalChromium.launch();
  }
}
