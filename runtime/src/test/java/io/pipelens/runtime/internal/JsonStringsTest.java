package io.pipelens.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonStringsTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonStrings.quote("a\"b\\c\nd\re\tf\u0001g")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"");
  }

  @Test
  void nullIsJsonNull() {
    assertThat(JsonStrings.quote(null)).isEqualTo("null");
  }

  @Test
  void roundTripsThroughARealParserOnOneLine() throws Exception {
    String tricky = "line1\nline2\u2028\u2029 emoji \uD83D\uDE00 lone \uD800 end \u007f \"quoted\"";
    String quoted = JsonStrings.quote(tricky);

    assertThat(quoted).doesNotContain("\n").doesNotContain("\u2028");
    // The lone surrogate is escaped, so the parser gives it back unchanged.
    assertThat(mapper.readValue(quoted, String.class)).isEqualTo(tricky);
  }
}
