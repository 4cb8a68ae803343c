/**
 * Helpers shared by the runtime packages.
 *
 * <p>This package is internal to pipelens-runtime and is not public API. Its classes may change
 * or disappear in any release without notice; components must not use them.
 */
package io.pipelens.runtime.internal;
