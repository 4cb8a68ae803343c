package io.pipelens.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ${...}} in values, through the loader; the rejected forms are in invalid_configs.yaml. */
class InterpolationTest {

  record Values(String text, Integer number, Boolean flag, Double ratio, Secret secret, List<String> list) {}

  private static Values parse(String yaml, Map<String, String> env) throws ConfigException {
    return ConfigLoader.create(env).parse(yaml, "test.yaml", Values.class);
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void substitutesAVariable() throws Exception {
    assertThat(parse("text: ${HOST}", env("HOST", "kafka")).text()).isEqualTo("kafka");
  }

  @Test
  void defaultIsUsedWhenUnsetOrEmpty() throws Exception {
    assertThat(parse("text: ${HOST:-localhost}", env()).text()).isEqualTo("localhost");
    assertThat(parse("text: ${HOST:-localhost}", env("HOST", "")).text()).isEqualTo("localhost");
    assertThat(parse("text: ${HOST:-localhost}", env("HOST", "kafka")).text()).isEqualTo("kafka");
  }

  @Test
  void defaultMayBeEmptyOrContainPunctuation() throws Exception {
    assertThat(parse("text: 'x${SUFFIX:-}'", env()).text()).isEqualTo("x");
    assertThat(parse("text: '${URL:-http://a:1/b?c=d}'", env()).text()).isEqualTo("http://a:1/b?c=d");
  }

  @Test
  void severalExpressionsInOneValue() throws Exception {
    Values values = parse("text: http://${HOST}:${PORT:-9092}/${PATH_PART:-v1}", env("HOST", "kafka", "PORT", "9093"));

    assertThat(values.text()).isEqualTo("http://kafka:9093/v1");
  }

  @Test
  void doubleDollarEscapesAnExpression() throws Exception {
    assertThat(parse("text: $${NOT_A_VAR}", env()).text()).isEqualTo("${NOT_A_VAR}");
    assertThat(parse("text: a$${B}c${C:-d}", env()).text()).isEqualTo("a${B}cd");
    assertThat(parse("text: cost $5 or $$6", env()).text()).isEqualTo("cost $5 or $$6");
  }

  @Test
  void anUnquotedExpressionIsTypedLikeYaml() throws Exception {
    Values values = parse("""
        number: ${PORT:-9400}
        flag: ${ENABLED:-true}
        ratio: ${RATIO}
        list: [a, "${B:-b}"]
        """, env("RATIO", "0.5"));

    assertThat(values.number()).isEqualTo(9400);
    assertThat(values.flag()).isTrue();
    assertThat(values.ratio()).isEqualTo(0.5);
    assertThat(values.list()).containsExactly("a", "b");
  }

  @Test
  void anEmptyUnquotedExpressionIsNull() throws Exception {
    Values values = parse("text: ${HOST}\nnumber: ${PORT:-}", env("HOST", ""));

    assertThat(values.text()).isNull();
    assertThat(values.number()).isNull();
  }

  @Test
  void aQuotedOrBlockExpressionStaysAString() throws Exception {
    assertThat(parse("text: \"${PORT:-9400}\"", env()).text()).isEqualTo("9400");
    assertThat(parse("text: '${PORT:-9400}'", env()).text()).isEqualTo("9400");
    assertThat(parse("text: |-\n  ${PORT:-9400}\n", env()).text()).isEqualTo("9400");
    assertThat(parse("text: !!str ${PORT:-9400}", env()).text()).isEqualTo("9400");
    assertThatThrownBy(() -> parse("number: '${PORT:-9400}'", env()))
        .hasMessage("test.yaml: number: expected an integer, got \"9400\" (remove the quotes)");
  }

  @Test
  void aStringKeyTakesATypedValueAsItsText() throws Exception {
    Values values = parse("text: ${VERSION}\nsecret: ${PASSWORD}", env("VERSION", "1.10", "PASSWORD", "0042"));

    assertThat(values.text()).isEqualTo("1.10");
    assertThat(values.secret().value()).isEqualTo("0042");
  }

  @Test
  void anExpressionAfterWideCharactersIsStillRecognisedAsUnquoted() throws Exception {
    // The parser counts code points; the emoji is two chars.
    Values values = parse("text: \"\uD83D\uDE00\"\nnumber: ${PORT:-7}", env());

    assertThat(values.text()).isEqualTo("\uD83D\uDE00");
    assertThat(values.number()).isEqualTo(7);
  }

  @Test
  void aValueCannotChangeTheStructure() throws Exception {
    Values values = parse("text: ${INJECT}\nlist:\n  - ${INJECT}", env("INJECT", "a: b\n# c\n- d"));

    assertThat(values.text()).isEqualTo("a: b\n# c\n- d");
    assertThat(values.list()).containsExactly("a: b\n# c\n- d");
  }

  @Test
  void insideFlowCollectionsAnExpressionMustBeQuoted() throws Exception {
    // '{' ends an unquoted value inside [...] and {...}, so YAML itself needs the quotes there.
    assertThat(parse("list: [\"${A:-a}\", '${B:-b}']", env()).list()).containsExactly("a", "b");
    assertThatThrownBy(() -> parse("list: [${A:-a}]", env())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yaml: invalid YAML at line 1, column 9: ");
  }

  @Test
  void expressionsInCommentsAreIgnored() throws Exception {
    assertThat(parse("# ${UNSET}\ntext: x # ${ALSO_UNSET}", env()).text()).isEqualTo("x");
  }

  @Test
  void theEnvironmentIsCopied() throws Exception {
    Map<String, String> env = env("HOST", "a");
    ConfigLoader loader = ConfigLoader.create(env);
    env.put("HOST", "b");

    assertThat(loader.parse("text: ${HOST}", "test.yaml", Values.class).text()).isEqualTo("a");
  }
}
