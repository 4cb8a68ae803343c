package io.pipelens.history.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void derivesRfcTestVectors() {
    // PBKDF2-HMAC-SHA256 vectors of RFC 7914 section 11 and the widely published c=1 and c=4096.
    assertThat(hex(PasswordHash.derive("password".toCharArray(), bytes("salt"), 1, 32)))
        .isEqualTo("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    assertThat(hex(PasswordHash.derive("password".toCharArray(), bytes("salt"), 4096, 32)))
        .isEqualTo("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    assertThat(hex(PasswordHash.derive("passwd".toCharArray(), bytes("salt"), 1, 64)))
        .isEqualTo(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  }

  @Test
  void acceptsAHashMadeByPythonsHashlibForANonAsciiPassword() {
    // python3 -c "hashlib.pbkdf2_hmac('sha256', 'pässwörd-€'.encode(), b'pipelens-test-salt', 10000)"
    PasswordHash hash =
        PasswordHash.parse(
            "pbkdf2-sha256$10000$cGlwZWxlbnMtdGVzdC1zYWx0$Ybm5u4fX8ahLAgYXIfKiY/MIXhWay62ZN84aDToWl4c=");

    assertThat(hash.matches("pässwörd-€".toCharArray())).isTrue();
    assertThat(hash.matches("passwörd-€".toCharArray())).isFalse();
    assertThat(hash.matches("".toCharArray())).isFalse();
  }

  @Test
  void createsHashesThatRoundTripThroughTheirText() {
    PasswordHash created = PasswordHash.create("s3cret".toCharArray(), PasswordHash.MIN_ITERATIONS);
    PasswordHash parsed = PasswordHash.parse(created.text());

    assertThat(parsed).isEqualTo(created);
    assertThat(parsed.matches("s3cret".toCharArray())).isTrue();
    assertThat(parsed.matches("s3cret ".toCharArray())).isFalse();
    assertThat(created.text()).startsWith("pbkdf2-sha256$10000$");
    assertThat(created.toString()).doesNotContain(created.text().substring(21));
    assertThat(PasswordHash.create("s3cret".toCharArray(), PasswordHash.MIN_ITERATIONS))
        .as("a fresh salt each time")
        .isNotEqualTo(created);
  }

  @Test
  void rejectsMalformedAndWeakHashesWithoutEchoingThem() {
    assertThatThrownBy(() -> PasswordHash.parse("secret"))
        .hasMessageContaining("must be pbkdf2-sha256$")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1$c2FsdHNhbHQ=$" + "A".repeat(44)))
        .hasMessageContaining("at least 10000 iterations");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$x$c2FsdHNhbHQ=$AAAA"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$20000$!!$AAAA"))
        .hasMessageContaining("Base64");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$20000$c2FsdA==$" + "A".repeat(44)))
        .hasMessageContaining("salt of 8 bytes");
    assertThatThrownBy(() -> PasswordHash.parse("md5$20000$c2FsdHNhbHQ=$" + "A".repeat(44)))
        .hasMessageContaining("must be pbkdf2-sha256$");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
