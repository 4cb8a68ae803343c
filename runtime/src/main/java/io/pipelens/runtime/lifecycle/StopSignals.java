package io.pipelens.runtime.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a stop request instead of a JVM shutdown.
 *
 * <p>Why: when the JVM itself handles SIGTERM it runs the shutdown hooks and exits with status 143,
 * whatever {@code main} passes to {@link System#exit}. A component that flushed and checkpointed
 * has stopped cleanly and must exit 0, so the runner catches the signals, stops the service, and
 * lets the launcher exit with the runner's code. The shutdown hook stays as the fallback for a
 * JVM started with {@code -Xrs} or a {@link System#exit} from elsewhere.
 */
interface StopSignals {

  /**
   * Calls {@code onSignal} with the signal's name when SIGTERM or SIGINT arrives.
   *
   * @return undoes the trap, restoring the previous handlers
   */
  Runnable trap(Consumer<String> onSignal);

  /** Traps nothing; for tests, which play signals through {@link ServiceRunner#requestStop}. */
  StopSignals NONE = onSignal -> () -> { };

  /** The process's real signals. */
  StopSignals JVM = new StopSignals() {
    private final Logger log = LoggerFactory.getLogger(StopSignals.class);

    @Override
    public Runnable trap(Consumer<String> onSignal) {
      List<Runnable> undo = new ArrayList<>();
      for (String name : new String[] {"TERM", "INT"}) {
        Signal signal = new Signal(name);
        try {
          SignalHandler previous = Signal.handle(signal, s -> onSignal.accept("SIG" + name));
          undo.add(() -> Signal.handle(signal, previous));
        } catch (IllegalArgumentException e) {
          // The JVM keeps this signal (for example under -Xrs); the shutdown hook still stops us.
          log.debug("cannot trap SIG{}: {}", name, e.getMessage());
        }
      }
      return () -> undo.forEach(Runnable::run);
    }
  };
}
