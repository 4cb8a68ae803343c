/**
 * The config server: agents' collection configurations (inputs, outputs, masking, pipeline) kept
 * as files in one directory, fit for GitOps, each with a selector (namespaces, pod labels, compute
 * type), and served to agents at {@code GET /v1/agent-config} on the OTLP/HTTP port with an
 * {@code ETag}, so agents poll with {@code If-None-Match} and get {@code 304} until it changes.
 *
 * <p>The directory is re-read every {@code reload_interval}. A file that does not parse or whose
 * {@code select} or {@code config} is not valid is rejected with the file and the reason in the log
 * and {@code pipelens_collector_agent_config_errors_total}; the last good version of that file is
 * served on. The {@code config} part is served as written (re-serialized YAML, {@code ${VAR}}
 * left for the agent to resolve from its own environment); the agent validates it with its own
 * strict loader before applying it.
 */
package io.pipelens.collector.agentconfig;
