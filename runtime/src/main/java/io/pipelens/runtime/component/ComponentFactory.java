package io.pipelens.runtime.component;

import io.pipelens.runtime.lifecycle.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds one pipelens component from its configuration. The launcher finds implementations with
 * {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.pipelens.runtime.component.ComponentFactory}), so each needs a
 * public no-argument constructor, and runs {@code pipelens <name>} with the one whose
 * {@link #name()} matches.
 *
 * @param <C> the component's configuration record
 */
public interface ComponentFactory<C extends ComponentConfig> {

  /** The command name, such as {@code agent}; unique among components. */
  String name();

  /** One line for {@code pipelens --help}. */
  String summary();

  /** The configuration record the loader binds the configuration file to. */
  Class<C> configType();

  /** A complete, commented example configuration, printed by {@code pipelens <name> --help}. */
  String exampleConfig();

  /**
   * Builds the component, not yet started; the launcher then runs it with
   * {@link io.pipelens.runtime.lifecycle.ServiceRunner}.
   */
  Service create(C config) throws Exception;

  /**
   * Reads a UTF-8 text resource that ships in the component's jar, such as its example
   * configuration.
   *
   * @throws IllegalStateException if the resource is missing, which is a packaging bug
   */
  static String resourceText(Class<?> anchor, String path) {
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the jar of " + anchor.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
