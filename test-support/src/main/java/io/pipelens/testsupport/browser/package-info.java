/**
 * A real, headless Chromium for browser tests, driven by Selenium: Debian's {@code chromium} and
 * {@code chromedriver} on this machine, or Selenium's Chromium container when the test servers run
 * in Docker. {@link io.pipelens.testsupport.Browsers#launch()} picks one.
 */
package io.pipelens.testsupport.browser;
