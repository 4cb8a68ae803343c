/**
 * The contract between the launcher ({@code bin/pipelens}) and a component (agent, collector,
 * history server): a {@link io.pipelens.runtime.component.ComponentFactory} found with
 * {@link java.util.ServiceLoader}, and the configuration every component shares,
 * {@link io.pipelens.runtime.component.ComponentConfig}.
 */
package io.pipelens.runtime.component;
