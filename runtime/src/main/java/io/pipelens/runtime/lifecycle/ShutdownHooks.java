package io.pipelens.runtime.lifecycle;

/** Where {@link ServiceRunner} registers its shutdown hook; tests substitute a fake to play SIGTERM. */
interface ShutdownHooks {

  void add(Thread hook);

  void remove(Thread hook);

  /** The JVM's own hooks, which run on SIGTERM, SIGINT and {@link System#exit}. */
  ShutdownHooks JVM = new ShutdownHooks() {
    @Override
    public void add(Thread hook) {
      Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void remove(Thread hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shutdownInProgress) {
        // The hook is running or about to; nothing left to undo.
      }
    }
  };
}
