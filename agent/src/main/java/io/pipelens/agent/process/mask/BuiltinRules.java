package io.pipelens.agent.process.mask;

import java.util.List;

/**
 * The secrets the agent masks unless {@code masking.builtin} is false. Each keeps what identifies
 * the kind of secret (the key prefix, the label, the user name) and replaces the secret itself with
 * {@code ****}.
 *
 * <table>
 *   <caption>built-in rules</caption>
 *   <tr><th>rule</th><th>before</th><th>after</th></tr>
 *   <tr><td>{@code alibaba_access_key_id}</td><td>{@code LTAI5tQ9...}</td><td>{@code LTAI****}</td></tr>
 *   <tr><td>{@code alibaba_access_key_secret}</td><td>{@code AccessKeySecret: <30 chars>}</td><td>{@code AccessKeySecret: ****}</td></tr>
 *   <tr><td>{@code aws_access_key_id}</td><td>{@code AKIA + 16}, {@code ASIA + 16}</td><td>{@code AKIA****}</td></tr>
 *   <tr><td>{@code aws_secret_access_key}</td><td>{@code aws_secret_access_key=<40 chars>}</td><td>{@code aws_secret_access_key=****}</td></tr>
 *   <tr><td>{@code bearer_token}</td><td>{@code Authorization: Bearer eyJ...}</td><td>{@code Authorization: Bearer ****}</td></tr>
 *   <tr><td>{@code basic_auth}</td><td>{@code Authorization: Basic dXNl...}</td><td>{@code Authorization: Basic ****}</td></tr>
 *   <tr><td>{@code url_password}</td><td>{@code postgres://etl:pw@db:5432}</td><td>{@code postgres://etl:****@db:5432}</td></tr>
 *   <tr><td>{@code secret_key_value}</td><td>{@code password=..., db_passwd: ..., client_secret=..., api_key=..., access_token: ...}</td><td>{@code password=****}</td></tr>
 * </table>
 *
 * <p>{@code secret_key_value} takes keys that end in password, passwd, secret, token, secret_key,
 * api_key, private_key (any case, any prefix such as {@code spark.ssl.keyStorePassword}), followed by
 * {@code =} or {@code :} with optional quotes, so JSON, YAML, Python reprs and command lines are
 * covered; {@code num_tokens=12} or {@code tokenizer=...} are not secrets and stay.
 */
final class BuiltinRules {

  static final List<String> NAMES = List.of(
      "alibaba_access_key_id",
      "alibaba_access_key_secret",
      "aws_access_key_id",
      "aws_secret_access_key",
      "bearer_token",
      "basic_auth",
      "url_password",
      "secret_key_value");

  // A value already masked by an earlier rule is not masked (or counted) again.
  private static final String NOT_MASKED = "(?!\\*\\*\\*\\*)";
  // key, closing quote, := and opening quote
  private static final String ASSIGN = "[\"']?\\s*[:=]\\s*[\"']?";

  // Every key the rule takes holds one of these: "key" alone is in too many lines that hold no
  // secret, and, at four bytes or more, the byte pre-scan moves on by three bytes at a time.
  static final List<String> SECRET_KEY_NEEDLES =
      List.of("pass", "secret", "token", "api_", "api.", "api-", "apik", "private");

  private BuiltinRules() {}

  static List<CompiledRule.Spec> specs() {
    return List.of(
        new CompiledRule.Spec("alibaba_access_key_id",
            "\\bLTAI[0-9A-Za-z]{12,30}\\b", "LTAI****", List.of("LTAI"), false),
        new CompiledRule.Spec("alibaba_access_key_secret",
            "(?i)(access[_.-]?key[_.-]?secret" + ASSIGN + ")" + NOT_MASKED + "[0-9A-Za-z]{30}\\b",
            "$1****", List.of("secret"), true),
        new CompiledRule.Spec("aws_access_key_id",
            "\\b(AKIA|ASIA)[0-9A-Z]{16}\\b", "$1****", List.of("AKIA", "ASIA"), false),
        new CompiledRule.Spec("aws_secret_access_key",
            "(?i)(aws[_.-]?secret[_.-]?access[_.-]?key" + ASSIGN + ")" + NOT_MASKED
                + "[0-9A-Za-z/+=]{40}(?![0-9A-Za-z/+=])",
            "$1****", List.of("secret"), true),
        new CompiledRule.Spec("bearer_token",
            "(?i)\\b(bearer\\s+)" + NOT_MASKED + "[A-Za-z0-9._~+/-]{8,}=*", "$1****",
            List.of("bearer"), true),
        new CompiledRule.Spec("basic_auth",
            "(?i)(authorization" + ASSIGN + "basic\\s+)" + NOT_MASKED + "[A-Za-z0-9+/]{4,}=*",
            "$1****", List.of("basic"), true),
        new CompiledRule.Spec("url_password",
            "\\b([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/?#@\"']*:)" + NOT_MASKED + "[^\\s/?#@\"']+@",
            "$1****@", List.of("://"), false),
        new CompiledRule.Spec("secret_key_value",
            "(?i)(?<![\\w.-])([\\w.-]*?(?:password|passwd|secret|token|secret[_.-]?key|api[_.-]?key"
                + "|private[_.-]?key|access[_.-]?key[_.-]?secret|secret[_.-]?access[_.-]?key)"
                + ASSIGN + ")" + NOT_MASKED + "[^\\s\"'&,;}\\]]+",
            "$1****", SECRET_KEY_NEEDLES, true));
  }
}
