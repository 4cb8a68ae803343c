/**
 * How a pipelens process starts and stops: {@link io.pipelens.runtime.lifecycle.Service},
 * {@link io.pipelens.runtime.lifecycle.CompositeService} and
 * {@link io.pipelens.runtime.lifecycle.ServiceRunner}.
 *
 * <p>Shutdown order, by convention: stop sources, drain processors, flush sinks within the
 * deadline, write the final checkpoint, and stop the operations server last so that metrics stay
 * scrapeable while the rest shuts down. With a {@code CompositeService} that means listing the
 * operations server first and the sources last.
 */
package io.pipelens.runtime.lifecycle;
