package io.pipelens.runtime.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until {@link LogSetup#configure} runs, and in tests and tools that never
 * call it: text at INFO to standard output, through {@link TextLayout}, the same appender {@code
 * LogSetup} installs. Logback finds it through {@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator} when it first initialises.
 *
 * <p>Set up in code rather than by a {@code logback.xml}: reading the XML (Joran, about 280 classes)
 * took about 70 ms of the main thread's CPU at every start of a component (docs/benchmarks.md).
 *
 * <p>A {@code logback-test.xml} on the class path, or {@code -Dlogback.configurationFile}, still
 * takes precedence: this configurator then does nothing and lets Logback read that file.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {

  /** The resource Logback's own configurator prefers; test class paths ship one. */
  static final String TEST_RESOURCE = ClassicConstants.TEST_AUTOCONFIG_FILE;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
        || resourceExists(TEST_RESOURCE)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogSetup.install(context, LogFormat.TEXT, Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static boolean resourceExists(String name) {
    ClassLoader loader = DefaultLogConfigurator.class.getClassLoader();
    return loader != null && loader.getResource(name) != null;
  }
}
