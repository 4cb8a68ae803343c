package io.pipelens.runtime.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Named readiness checks behind {@code GET /readyz}. A process is ready when every registered
 * check passes; with no checks registered it is ready.
 *
 * <p>Checks run on the HTTP request thread each time {@code /readyz} is asked, so they must be
 * cheap: read a flag or a timestamp that the component's own threads maintain, never make a
 * network call. A check that throws counts as failing, with the exception as its reason.
 *
 * <p>Thread-safe. Checks are reported in registration order.
 */
public final class Readiness {

  private final Object lock = new Object();
  private final Map<String, Supplier<Check>> checks = new LinkedHashMap<>(); // guarded by lock

  /**
   * Registers a check.
   *
   * @throws IllegalArgumentException if the name is blank or already registered
   */
  public void register(String name, Supplier<Check> check) {
    Objects.requireNonNull(check, "check");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("readiness check name must not be blank");
    }
    synchronized (lock) {
      if (checks.putIfAbsent(name, check) != null) {
        throw new IllegalArgumentException("readiness check \"" + name + "\" is already registered");
      }
    }
  }

  /**
   * Registers a check that passes while {@code ready} returns true and otherwise fails with
   * {@code reasonWhenNotReady}.
   */
  public void register(String name, BooleanSupplier ready, String reasonWhenNotReady) {
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(reasonWhenNotReady, "reasonWhenNotReady");
    register(name, () -> ready.getAsBoolean() ? Check.passed() : Check.failed(reasonWhenNotReady));
  }

  /** Removes a check; returns whether it was registered. */
  public boolean unregister(String name) {
    synchronized (lock) {
      return checks.remove(name) != null;
    }
  }

  /** Runs every check now. */
  public Result evaluate() {
    List<Map.Entry<String, Supplier<Check>>> snapshot;
    synchronized (lock) {
      // Copied so that checks run outside the lock: a slow check must not block registration.
      snapshot = List.copyOf(checks.entrySet());
    }
    Map<String, String> failing = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<Check>> entry : snapshot) {
      Check check = run(entry.getValue());
      if (!check.ready()) {
        failing.put(entry.getKey(), check.reason());
      }
    }
    return new Result(snapshot.size(), Collections.unmodifiableMap(failing));
  }

  private static Check run(Supplier<Check> check) {
    try {
      Check result = check.get();
      return result != null ? result : Check.failed("check returned null");
    } catch (RuntimeException e) {
      return Check.failed("check threw " + e);
    }
  }

  /**
   * The outcome of one check.
   *
   * @param ready whether the check passed
   * @param reason why it failed; empty when it passed
   */
  public record Check(boolean ready, String reason) {

    private static final Check PASSED = new Check(true, "");

    public Check {
      Objects.requireNonNull(reason, "reason");
    }

    /** A passing check. */
    public static Check passed() {
      return PASSED;
    }

    /** A failing check, with a short reason for the {@code /readyz} body. */
    public static Check failed(String reason) {
      return new Check(false, reason);
    }
  }

  /**
   * The outcome of all checks.
   *
   * @param checked how many checks ran
   * @param failing the failing checks' names and reasons, in registration order
   */
  public record Result(int checked, Map<String, String> failing) {

    public Result {
      failing = Collections.unmodifiableMap(new LinkedHashMap<>(failing));
    }

    /** Whether every check passed. */
    public boolean ready() {
      return failing.isEmpty();
    }
  }
}
