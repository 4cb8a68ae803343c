package io.pipelens.testsupport;

import java.net.URI;

/**
 * A single-node Elasticsearch cluster over plain HTTP with security disabled.
 *
 * <p>New indices get the Elasticsearch default of one replica, which a single node cannot place,
 * so the cluster reports {@code yellow}, never {@code green}: wait for {@code yellow}, or give test
 * indices and templates {@code "index.number_of_replicas": 0}.
 *
 * <p>The local backend runs the integ-test distribution, which has only the {@code
 * transport-netty4}, {@code x-pack-core}, {@code x-pack-security} and {@code apm} modules. Missing
 * there, among others: {@code GET /} (so {@code ElasticsearchClient.info()} fails with 405), ILM,
 * {@code _delete_by_query}, painless scripts, ingest processors such as {@code set}, and the field
 * types {@code match_only_text}, {@code wildcard} and {@code constant_keyword}. Data streams work
 * with an own composable template ({@code "data_stream": {}}).
 */
public interface ElasticsearchServer extends TestServer {

  /** The HTTP address, e.g. {@code http://127.0.0.1:40123}, without a trailing slash. */
  URI httpUri();
}
