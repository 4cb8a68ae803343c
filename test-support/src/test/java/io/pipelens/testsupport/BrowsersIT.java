package io.pipelens.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pipelens.testsupport.browser.Browser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The browser loads a page from a loopback server, runs its script and takes a screenshot. */
class BrowsersIT {

  @Test
  void loadsAPageRunsItsScriptAndTakesAScreenshot(@TempDir Path dir) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page =
        ("<!doctype html><title>probe</title><h1 id=h>static</h1>"
                + "<script>document.getElementById('h').textContent='scripted'</script>")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    server.start();
    try (Browser browser = Browsers.launch()) {
      browser.open(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));

      assertThat(browser.driver().getTitle()).isEqualTo("probe");
      assertThat(browser.driver().findElement(By.id("h")).getText()).isEqualTo("scripted");
      Path png = browser.screenshot(dir.resolve("shots/probe.png"));
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    } finally {
      server.stop(0);
    }
  }
}
