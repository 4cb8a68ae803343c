package io.pipelens.agent.process.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pre-scan only skips regexes that cannot match: the result is that of running every rule. */
class MaskerPrefilterTest {

  private static final String[] PIECES = {
    "LTAI", "ltai", "LTAI5tQ9abcdefghijkl", "AKIA", "ASIA", "AKIAABCDEFGHIJKLMNOP", "ASIAABCDEFGHIJKLMNOP",
    "secret", "SeCrEt", "aws_secret_access_key=", "AccessKeySecret: ", "bearer ", "Bearer ", "BEARER ",
    "Authorization: Basic ", "basic", "://", "postgres://etl:pw@db:5432", "password=", "PASSWD: ",
    "client_secret=", "api_key=", "Api-Key: ", "access_token: ", "token", "TOKEN=", "key", "KEY:", "pass",
    "private_key=", "PRIVATE.KEY: ", "privateKey=", "apikey=", "api.key=", "API-KEY: ", "secret-key=",
    "keyStore=", "monkey=", "key=", "api", "_", ".", "-", "priv",
    "p", "s", "t", "k", "b", "a", ":", "/", "=", " ", "x", "0123456789abcdefghijklmnopqrstuvwxyz0123",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef+/=", "\"", "'", "日本", "é", "\uD83D\uDE00", "乳", "\u0170", "\u0173",
  };

  @Test
  void masksExactlyWhatTheRulesMaskWithoutThePrescan() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MaskingConfig config = MaskingConfig.defaults();
    Masker masker = new Masker(config, registry);
    List<CompiledRule> rules = new ArrayList<>();
    for (CompiledRule.Spec spec : BuiltinRules.specs()) {
      rules.add(new CompiledRule(spec, registry.counter("reference", "rule", spec.name())));
    }
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(12);
      for (int i = 0; i < pieces; i++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String input = text.toString();
      String expected = input;
      for (CompiledRule rule : rules) {
        expected = rule.apply(expected);
      }
      assertThat(masker.mask(input)).as(input).isEqualTo(expected);
      if (!expected.equals(input)) {
        byte[] utf8 = input.getBytes(StandardCharsets.UTF_8);
        assertThat(masker.mayMask(utf8, utf8.length)).as("byte pre-scan of " + input).isTrue();
      }
    }
  }

  @Test
  void theBytePrescanFindsALiteralAtEveryOffsetOfAWord() {
    Masker masker = new Masker(MaskingConfig.defaults(), new SimpleMeterRegistry());
    String[] secrets = {"LTAI5tQ9abcdefghijkl", "AKIAABCDEFGHIJKLMNOP", "Bearer abcdefghijklmnop",
        "postgres://etl:pw@db:5432", "token=abcdef123456", "Api-Key: abcdefghijkl123", "AccessKeySecret: abcdefghijklmnopqrstuvwxyz0123"};
    for (String secret : secrets) {
      for (int pad = 0; pad < 24; pad++) {
        for (String tail : new String[] {"", " é", " tail of the line"}) {
          String text = "é-x".repeat(pad / 3) + "x".repeat(pad % 3) + " " + secret + tail;
          byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
          assertThat(masker.mask(text)).as(text).isNotEqualTo(text);
          assertThat(masker.mayMask(utf8, utf8.length)).as(text).isTrue();
        }
      }
    }
    byte[] plain = "24/05/01 12:00:01 INFO TaskSetManager: Finished task 17.0 in stage 3.0 (TID 1234)"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(masker.mayMask(plain, plain.length)).as("no literal, no regex").isFalse();
  }
  @Test
  void theBytePrescanSaysYesExactlyWhereALiteralOccurs() {
    // The byte scan looks at pairs of bytes in one 16-bit load, folded with 0x20, before comparing
    // a literal: whatever the case and neighbours, it must answer as a plain search would. Folding
    // aliases ('@' and '`', '[' and '{', bytes of multi-byte chars) are among the pieces.
    Masker masker = new Masker(MaskingConfig.defaults(), new SimpleMeterRegistry());
    String[] extra = {"@", "`", "[", "{", "\u00c0", "\u00e0", "\u0100", "LT", "AI", "se", "cret", ":/", "/"};
    Random random = new Random(7);
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(10);
      for (int i = 0; i < pieces; i++) {
        String piece = random.nextBoolean() ? PIECES[random.nextInt(PIECES.length)]
            : extra[random.nextInt(extra.length)];
        for (char c : piece.toCharArray()) {
          boolean flip = c < 128 && Character.isLetter(c) && random.nextInt(4) == 0;
          text.append(flip ? (char) (c ^ 0x20) : c);
        }
      }
      String input = text.toString();
      byte[] utf8 = input.getBytes(StandardCharsets.UTF_8);
      assertThat(masker.mayMask(utf8, utf8.length)).as(input).isEqualTo(literalOccurs(input));
    }
  }

  @Test
  void theBytePrescanFindsLiteralsOfThreeAndFourBytesAtTheEndOfShortTexts() {
    // The scan moves a four-byte window; a three-byte literal in the last three bytes, or texts
    // shorter than the window, are looked at apart from it. Every offset of every text length up
    // to 12, with a user rule's three-byte literal among the built-in ones.
    Masker masker = new Masker(new MaskingConfig(true, List.of(new MaskingRule("user", "xyz[0-9]+", null))),
        new SimpleMeterRegistry());
    String[] literals = {"xyz", "XYZ", "://", "LTAI", "pass", "api_", "Token", "private", "secret", "ab:/"};
    for (String literal : literals) {
      for (int length = 0; length <= 12; length++) {
        for (int at = 0; at <= length; at++) {
          StringBuilder text = new StringBuilder("q".repeat(length));
          text.insert(at, literal);
          text.setLength(Math.max(length, Math.min(text.length(), at + literal.length())));
          String input = text.toString();
          byte[] utf8 = input.getBytes(StandardCharsets.UTF_8);
          boolean expected = literalOccurs(input) || input.contains("xyz");
          assertThat(masker.mayMask(utf8, utf8.length)).as("[" + input + "]").isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aKeyIsMaskedByWhatItHoldsBesidesKey() {
    // secret_key_value looks for pass, secret, token, api_/api./api-/apik and private rather than
    // key: each key the rule takes holds one of them, so its values are still masked.
    Masker masker = new Masker(MaskingConfig.defaults(), new SimpleMeterRegistry());
    for (String key : new String[] {"api_key", "api.key", "API-KEY", "apikey", "private_key", "PrivateKey",
        "secret_key", "spark.ssl.keyStorePassword", "access_key_secret"}) {
      String line = "conf " + key + "=s3cr3tValue1 end";
      String masked = masker.mask(line);
      assertThat(masked).as(line).isEqualTo("conf " + key + "=**** end");
      byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
      assertThat(masker.mayMask(utf8, utf8.length)).as(line).isTrue();
    }
    byte[] plain = "partition key 17 of the monkey table, keyed by id".getBytes(StandardCharsets.UTF_8);
    assertThat(masker.mayMask(plain, plain.length)).as("key alone is no secret's").isFalse();
  }

  private static boolean literalOccurs(String text) {
    String asciiLower = asciiLowerCase(text);
    for (CompiledRule.Spec spec : BuiltinRules.specs()) {
      for (String needle : spec.needles()) {
        if (spec.caseInsensitive() ? asciiLower.contains(needle.toLowerCase(Locale.ROOT))
            : text.contains(needle)) {
          return true;
        }
      }
    }
    return false;
  }

  // Only A-Z: the rules' (?i) folds ASCII only, and String.toLowerCase would turn the Kelvin sign
  // into a 'k'.
  private static String asciiLowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }
}
