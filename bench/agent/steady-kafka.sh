#!/usr/bin/env bash
# bench/agent/steady.sh with a Kafka output (lz4, acks=all) to a local single-node KRaft broker in
# a JVM of its own (broker.sh), the output a DaemonSet ships to, instead of an NDJSON file. The
# broker's CPU is not the agent's and is not counted.
#
#   bench/agent/steady-kafka.sh [MB_PER_S] [SECONDS]      (WARMUP, JAVA_OPTS as for steady.sh)
#
# BENCH_KAFKA_OPTIONS is appended to the kafka output's YAML, as for kafka.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/bench/agent/work-steady-kafka"
rm -rf "$work" && mkdir -p "$work"
# shellcheck source=broker.sh
source "$root/bench/agent/broker.sh"
trap 'stop_broker; rm -rf "$work"' EXIT
start_broker "$work"

BENCH_OUTPUT_NAME=kafka BENCH_OUTPUTS="  - kafka:
      brokers: [$bootstrap]
      topics: {business: bench-business}${BENCH_KAFKA_OPTIONS:-}" "$root/bench/agent/steady.sh" "$@"
