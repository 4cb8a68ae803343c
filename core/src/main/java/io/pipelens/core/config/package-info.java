/**
 * Configuration loading shared by every pipelens component: YAML files bound strictly to records,
 * with environment variable substitution and one-line error messages.
 *
 * <p>Entry points: {@link io.pipelens.core.config.ConfigLoader} to load and describe a
 * configuration, {@link io.pipelens.core.config.Checks} to validate in a record's compact
 * constructor, and the value types {@link io.pipelens.core.config.DataSize},
 * {@link io.pipelens.core.config.Secret} and {@link io.pipelens.core.config.Durations}. Failures
 * are {@link io.pipelens.core.config.ConfigException}s.
 */
package io.pipelens.core.config;
