/**
 * Real servers for integration tests: {@link io.pipelens.testsupport.TestServers} starts
 * Elasticsearch, Kafka and an S3-compatible store once per JVM, in Docker when an engine answers and
 * on this machine otherwise.
 *
 * <p>Include {@code io/pipelens/testsupport/logback-test-servers.xml} from a module's {@code
 * logback-test.xml} to keep the in-process Kafka broker and the clients at WARN.
 */
package io.pipelens.testsupport;
