#!/usr/bin/env bash
# bench/agent/steady.sh with a Kafka output (lz4, acks=all) to a local single-node KRaft broker in
# a JVM of its own (kafka.sh's), the output a DaemonSet ships to, instead of an NDJSON file. The
# broker's CPU is not the agent's and is not counted.
#
#   bench/agent/steady-kafka.sh [MB_PER_S] [SECONDS]      (WARMUP, JAVA_OPTS as for steady.sh)
#
# BENCH_KAFKA_OPTIONS is appended to the kafka output's YAML, as for kafka.sh.
BENCH_KAFKA_RUN=steady exec "$(dirname "$0")/kafka.sh" "$@"
