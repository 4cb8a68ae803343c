/**
 * Test servers in Docker containers, through Testcontainers: Kafka ({@code apache/kafka}),
 * Elasticsearch (the official image) and MinIO. Used when a Docker engine answers.
 */
package io.pipelens.testsupport.docker;
