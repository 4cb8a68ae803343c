package io.pipelens.history.ui.http;

import io.pipelens.history.api.ApplicationIds;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request's query parameters, decoded, with strict typed getters: a value that does not parse
 * is a 400 naming the parameter, never a silent default. The first value of a repeated name wins.
 */
public final class Params {

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
  /** Executor ids: {@code driver}, numbers, and Spark 1.x's {@code <driver>}. */
  private static final Pattern EXECUTOR_ID = Pattern.compile("[A-Za-z0-9<>_.-]{1,64}");
  /** Kubernetes names: DNS labels and subdomains. */
  private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  public static Params parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.putIfAbsent(name, value);
      }
    }
    return new Params(values);
  }

  /** These parameters with {@code name} set to {@code value}. */
  public Params with(String name, String value) {
    Map<String, String> copy = new HashMap<>(values);
    copy.put(name, value);
    return new Params(copy);
  }

  public static Params of(Map<String, String> values) {
    return new Params(new HashMap<>(values));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw UiException.badRequest("malformed query string");
    }
  }

  /** The value, or null when absent or empty (an empty form field means "no filter"). */
  public String text(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > 1000) {
      throw UiException.badRequest(name + ": longer than 1000 characters");
    }
    return value.trim();
  }

  /** A non-negative integer up to {@code max}, or {@code fallback} when absent. */
  public int number(String name, int fallback, int min, int max) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    if (!NUMBER.matcher(value).matches()) {
      throw UiException.badRequest(name + ": expected a number, got \"" + value + "\"");
    }
    int n = Integer.parseInt(value);
    if (n < min || n > max) {
      throw UiException.badRequest(name + ": must be " + min + " to " + max + ", got " + n);
    }
    return n;
  }

  /** One of {@code allowed}, or null when absent. */
  public String choice(String name, String... allowed) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw UiException.badRequest(
        name + ": expected one of " + String.join(", ", allowed) + ", got \"" + value + "\"");
  }

  /** An ISO-8601 instant ({@code 2015-02-03T16:43:00Z}), or null when absent. */
  public Instant instant(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw UiException.badRequest(
          name + ": expected an ISO-8601 time such as 2026-01-31T12:00:00Z, got \"" + value + "\"");
    }
  }

  /** A {@code yyyy-MM-dd} day as the epoch millisecond it starts at (UTC), or null. */
  public Long day(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw UiException.badRequest(name + ": expected a date such as 2026-01-31, got \"" + value + "\"");
    }
  }

  /** An attempt id, or null when absent. */
  public String attemptId(String name) {
    String value = text(name);
    if (value != null && !ApplicationIds.isValidAttemptId(value)) {
      throw UiException.badRequest(name + ": not an attempt id");
    }
    return value;
  }

  /** A Spark executor id, or null when absent. */
  public String executorId(String name) {
    String value = text(name);
    if (value != null && !EXECUTOR_ID.matcher(value).matches()) {
      throw UiException.badRequest(name + ": not an executor id");
    }
    return value;
  }

  /** A Kubernetes object name (pod, container), or null when absent. */
  public String kubernetesName(String name) {
    String value = text(name);
    if (value != null && !KUBERNETES_NAME.matcher(value).matches()) {
      throw UiException.badRequest(name + ": not a Kubernetes name");
    }
    return value;
  }

  /** A path segment that must be a non-negative id. */
  public static int pathNumber(String segment, String what) {
    if (!NUMBER.matcher(segment).matches()) {
      throw UiException.notFound("no such " + what + ": " + segment);
    }
    return Integer.parseInt(segment);
  }
}
