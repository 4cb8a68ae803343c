package io.pipelens.collector.prometheus;

/**
 * OTLP names in Prometheus' classic character set, as Prometheus' own OTLP translation writes
 * them: {@code http.server.duration} with unit {@code s} becomes {@code http_server_duration_seconds}.
 */
final class PrometheusNames {

  // Suffixes the exposition adds itself; a name ending in one would collide with them.
  private static final String[] RESERVED_SUFFIXES = {"_total", "_created", "_bucket", "_info"};

  private PrometheusNames() {}

  /** The metric name for {@code name} with OTLP unit {@code unit} (may be empty). */
  static String metric(String name, String unit) {
    String base = sanitize(name);
    String suffix = unitSuffix(unit);
    if (!suffix.isEmpty() && !base.endsWith("_" + suffix)) {
      base = base + "_" + suffix;
    }
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String reserved : RESERVED_SUFFIXES) {
        if (base.endsWith(reserved) && base.length() > reserved.length()) {
          base = base.substring(0, base.length() - reserved.length());
          stripped = true;
        }
      }
    }
    return base;
  }

  /** The label name for attribute {@code key}. */
  static String label(String key) {
    String name = sanitize(key).replace(':', '_');
    // Names starting with __ are Prometheus' own.
    while (name.startsWith("__")) {
      name = name.substring(1);
    }
    return name;
  }

  private static String unitSuffix(String unit) {
    return switch (unit == null ? "" : unit) {
      case "s" -> "seconds";
      case "ms" -> "milliseconds";
      case "us" -> "microseconds";
      case "ns" -> "nanoseconds";
      case "By" -> "bytes";
      case "KiBy" -> "kibibytes";
      case "MiBy" -> "mebibytes";
      case "%" -> "percent";
      default -> "";
    };
  }

  private static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
          || c >= '0' && c <= '9' && i > 0;
      if (i == 0 && c >= '0' && c <= '9') {
        out.append('_').append(c);
      } else if (valid) {
        out.append(c);
      } else if (out.length() == 0 || out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    return out.length() == 0 ? "_" : out.toString();
  }
}
