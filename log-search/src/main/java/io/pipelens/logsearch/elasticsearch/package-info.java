/**
 * Connecting to Elasticsearch: node URLs, credentials and TLS trust
 * ({@link io.pipelens.logsearch.elasticsearch.ElasticsearchConnection}) and the low-level REST
 * client built from them ({@link io.pipelens.logsearch.elasticsearch.RestClients}), shared by the
 * collector's writer and every reader of its data streams.
 */
package io.pipelens.logsearch.elasticsearch;
