package io.pipelens.history.ui;

import io.pipelens.history.ui.http.Params;
import io.pipelens.history.ui.http.UiException;
import io.pipelens.history.ui.http.UiResponse;
import io.pipelens.history.ui.http.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The UI's stylesheet and script, read from the jar once. Only these names are served: a request
 * path never reaches the class path or the filesystem.
 */
final class Assets {

  private static final String DIRECTORY = "/io/pipelens/history/ui/";

  private final Map<String, UiResponse> byName;

  Assets() {
    byName =
        Map.of(
            "pipelens.css", load("pipelens.css", "text/css; charset=utf-8"),
            "pipelens.js", load("pipelens.js", "text/javascript; charset=utf-8"));
  }

  /** The asset, or null for any other name. */
  UiResponse get(String name) {
    return byName.get(name);
  }

  private static UiResponse load(String name, String contentType) {
    try (InputStream in = Assets.class.getResourceAsStream(DIRECTORY + name)) {
      if (in == null) {
        throw new IllegalStateException("UI asset missing from the jar: " + DIRECTORY + name);
      }
      return new UiResponse(200, contentType, in.readAllBytes(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
