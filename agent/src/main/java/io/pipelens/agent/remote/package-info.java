/**
 * Collection configuration served by the collector ({@code remote_config}): the agent polls {@code
 * GET /v1/agent-config} with {@code If-None-Match}, and applies a changed configuration without
 * restarting the process: its inputs, outputs, masking and pipeline replace the file's. A served
 * configuration is checked by the same strict loader as the file; one that does not load, or whose
 * outputs cannot be built, is rejected, logged and counted, and the running collection goes on.
 *
 * <p>Applying stops the running collection the way SIGTERM does (inputs stop, records in flight
 * are acknowledged, offsets checkpointed), then starts the new one from the same checkpoints, so
 * nothing is lost and files already read are not read again.
 *
 * <p>Metrics: {@code pipelens_agent_remote_config_polls_total{result}} ({@code applied}, {@code
 * not_modified}, {@code not_found}, {@code rejected}, {@code error}) and {@code
 * pipelens_agent_remote_config_applied} (1 while a served configuration runs).
 */
package io.pipelens.agent.remote;
