#!/usr/bin/env bash
# Agent throughput benchmark, file input -> Kafka output: bench/agent/run.sh with a kafka output
# to a local single-node KRaft broker (the tests' broker, io.pipelens.testsupport.TestServers, in a
# JVM of its own; no Docker). Counts until every record is acknowledged by the broker (acks=all).
#
#   bench/agent/kafka.sh [SIZE_MIB] [single|multiline]
#
# BENCH_KAFKA_OPTIONS is appended to the kafka output's YAML, for trying its settings, e.g.
#   BENCH_KAFKA_OPTIONS=$'\n      max_pending: 16MiB' bench/agent/kafka.sh 512
# (a line at column 0 starts a top-level section: $'\npipeline: {batch_max_size: 256KiB}').
#
# Builds the agent's test classes (mvn -o -pl agent -am test-compile) and uses Maven's local repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/bench/agent/work-kafka"
rm -rf "$work" && mkdir -p "$work"
# shellcheck source=broker.sh
source "$root/bench/agent/broker.sh"
trap 'stop_broker; rm -rf "$work"' EXIT
start_broker

# BENCH_KAFKA_RUN=steady runs steady.sh (steady-kafka.sh) instead of run.sh with this output.
BENCH_OUTPUT_NAME=kafka BENCH_OUTPUTS="  - kafka:
      brokers: [$bootstrap]
      topics: {engine: bench-engine, business: bench-business}${BENCH_KAFKA_OPTIONS:-}" \
  "$root/bench/agent/${BENCH_KAFKA_RUN:-run}.sh" "$@"
