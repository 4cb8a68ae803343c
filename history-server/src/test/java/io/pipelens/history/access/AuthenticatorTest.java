package io.pipelens.history.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.core.config.Secret;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  private static final InetAddress PROXY = address("10.1.2.3");
  private static final InetAddress CLIENT = address("192.0.2.7");
  private static final String ALICE_HASH =
      PasswordHash.create("wonderland".toCharArray(), PasswordHash.MIN_ITERATIONS).text();

  private final AtomicLong nanos = new AtomicLong();

  @Test
  void trustsTheUserHeaderOnlyFromTheConfiguredProxies() throws Exception {
    Authenticator auth = authenticator(new AuthConfig("X-Forwarded-User", "X-Forwarded-Groups",
        List.of("10.0.0.0/8", "::1"), null, Map.of("data-eng", List.of("alice"))));
    Map<String, String> headers = Map.of("X-Forwarded-User", " alice ", "X-Forwarded-Groups",
        "analysts, ops");

    Identity fromProxy = auth.identify(PROXY, headers::get);
    assertThat(fromProxy.user()).isEqualTo("alice");
    assertThat(fromProxy.groups()).containsExactlyInAnyOrder("analysts", "ops", "data-eng");
    assertThat(auth.identify(address("::1"), headers::get).user()).isEqualTo("alice");

    assertThat(auth.identify(CLIENT, headers::get)).isEqualTo(Identity.ANONYMOUS);
    assertThat(auth.identify(address("11.0.0.1"), headers::get)).isEqualTo(Identity.ANONYMOUS);
    assertThat(auth.identify(PROXY, Map.of("X-Forwarded-User", " ")::get))
        .isEqualTo(Identity.ANONYMOUS);
  }

  @Test
  void withoutATrustedHeaderNoHeaderNamesTheUser() throws Exception {
    Authenticator auth = authenticator(AuthConfig.none());
    Map<String, String> spoofed = Map.of("X-Forwarded-User", "admin", "X-Remote-User", "admin");

    assertThat(auth.identify(address("127.0.0.1"), spoofed::get)).isEqualTo(Identity.ANONYMOUS);
  }

  @Test
  void basicAuthNeedsTheRightPasswordAndChallengesOtherwise() throws Exception {
    Authenticator auth = authenticator(new AuthConfig(null, null, null,
        new AuthConfig.Basic(Map.of("alice", Secret.of(ALICE_HASH)), null, null),
        Map.of("analysts", List.of("alice"))));

    Identity alice = auth.identify(CLIENT, basic("alice", "wonderland")::get);
    assertThat(alice.user()).isEqualTo("alice");
    assertThat(alice.groups()).containsExactly("analysts");

    for (Map<String, String> wrong : List.of(basic("alice", "Wonderland"), basic("bob", "wonderland"),
        Map.of("Authorization", "Basic !!!"), Map.of("Authorization", "Bearer abc"),
        Map.of("Authorization", "Basic " + b64("alice")))) {
      assertThatThrownBy(() -> auth.identify(CLIENT, wrong::get))
          .isInstanceOfSatisfying(AccessDenied.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.challenge()).isEqualTo(
                "Basic realm=\"pipelens history server\", charset=\"UTF-8\"");
            assertThat(e.getMessage()).isEqualTo("wrong user or password");
          });
    }
    assertThatThrownBy(() -> auth.identify(CLIENT, Map.<String, String>of()::get))
        .isInstanceOfSatisfying(AccessDenied.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.getMessage()).isEqualTo("authentication required");
        });
  }

  @Test
  void aRememberedPasswordIsCheckedAgainAndExpires() throws Exception {
    Authenticator auth = authenticator(new AuthConfig(null, null, null,
        new AuthConfig.Basic(Map.of("alice", Secret.of(ALICE_HASH)), null, null), null));

    assertThat(auth.identify(CLIENT, basic("alice", "wonderland")::get).user()).isEqualTo("alice");
    // Remembered, yet a different password still fails.
    assertThatThrownBy(() -> auth.identify(CLIENT, basic("alice", "wonderlanD")::get))
        .isInstanceOf(AccessDenied.class);
    nanos.addAndGet((BasicCredentials.REMEMBER_SECONDS + 1) * 1_000_000_000L);
    assertThat(auth.identify(CLIENT, basic("alice", "wonderland")::get).user()).isEqualTo("alice");
  }

  @Test
  void theProxysHeaderWinsOverBasicAuthAndBasicAuthCoversDirectRequests() throws Exception {
    Authenticator auth = authenticator(new AuthConfig("X-Forwarded-User", null, List.of("10.1.2.3"),
        new AuthConfig.Basic(Map.of("alice", Secret.of(ALICE_HASH)), null, null), null));
    Map<String, String> both = new HashMap<>(basic("alice", "wonderland"));
    both.put("X-Forwarded-User", "bob");

    assertThat(auth.identify(PROXY, both::get).user()).isEqualTo("bob");
    assertThat(auth.identify(CLIENT, both::get).user()).as("a header from elsewhere is ignored")
        .isEqualTo("alice");
    assertThatThrownBy(() -> auth.identify(CLIENT, Map.of("X-Forwarded-User", "bob")::get))
        .isInstanceOfSatisfying(AccessDenied.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void anUnknownUserCostsAsMuchAsTheSlowestKnownOne() {
    BasicCredentials credentials = new BasicCredentials(Map.of(
        "ana", PasswordHash.create("a".toCharArray(), 10_000),
        "bo", PasswordHash.create("b".toCharArray(), 20_000)), System::nanoTime);

    assertThat(credentials.unknownUserHash().iterations()).isEqualTo(20_000);
    assertThat(credentials.user(basic("nobody", "a").get("Authorization"))).isNull();
    assertThat(credentials.user(basic("bo", "b").get("Authorization"))).isEqualTo("bo");
  }

  @Test
  void matchesAddressesAndRanges() {
    assertThat(AddressRange.parse("10.0.0.0/8").contains(address("10.255.0.1"))).isTrue();
    assertThat(AddressRange.parse("10.0.0.0/8").contains(address("11.0.0.1"))).isFalse();
    assertThat(AddressRange.parse("192.168.4.0/22").contains(address("192.168.7.255"))).isTrue();
    assertThat(AddressRange.parse("192.168.4.0/22").contains(address("192.168.8.0"))).isFalse();
    assertThat(AddressRange.parse("127.0.0.1").contains(address("127.0.0.1"))).isTrue();
    assertThat(AddressRange.parse("127.0.0.1").contains(address("127.0.0.2"))).isFalse();
    assertThat(AddressRange.parse("0.0.0.0/0").contains(address("8.8.8.8"))).isTrue();
    assertThat(AddressRange.parse("fd00::/8").contains(address("fd12::1"))).isTrue();
    assertThat(AddressRange.parse("fd00::/8").contains(address("10.0.0.1"))).isFalse();
    for (String bad : List.of("proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "", "localhost")) {
      assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private Authenticator authenticator(AuthConfig config) throws Exception {
    return new Authenticator(config, nanos::get);
  }

  private static Map<String, String> basic(String user, String password) {
    return Map.of("Authorization", "Basic " + b64(user + ":" + password));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

}
