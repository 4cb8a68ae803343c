/**
 * Test servers on this machine, without Docker: Kafka in the test JVM, Elasticsearch and S3Proxy
 * as child processes whose files and logs live under the module's {@code target/}.
 */
package io.pipelens.testsupport.local;
