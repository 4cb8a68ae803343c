package io.pipelens.testsupport.internal;

/** Stops servers when the JVM exits, so no server outlives the test run that started it. */
public final class ShutdownHooks {

  private ShutdownHooks() {}

  /** An action that may fail; the failure is printed, since logging may already be shut down. */
  @FunctionalInterface
  public interface Action {
    /** Runs the action. */
    void run() throws Exception;
  }

  /** Runs {@code action} when the JVM exits, in its own thread, alongside the other hooks. */
  public static void register(String name, Action action) {
    Thread hook =
        new Thread(
            () -> {
              try {
                action.run();
              } catch (Exception e) {
                System.err.println("pipelens test-support: could not stop " + name + ": " + e);
              }
            },
            "pipelens-stop-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
  }
}
