/**
 * Logging setup for pipelens processes: Logback, configured in code by
 * {@link io.pipelens.runtime.logging.LogSetup}, writing to standard output as text or as one JSON
 * object per line ({@link io.pipelens.runtime.logging.JsonLayout}).
 *
 * <p>Logs go to standard output, where container runtimes collect them. Standard error stays free
 * for the launcher's one-line usage and configuration errors, printed before logging is set up.
 */
package io.pipelens.runtime.logging;
