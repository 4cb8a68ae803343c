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
# -am: the sibling modules from this worktree's reactor, not whatever ~/.m2 holds of them.
(cd "$root" && mvn -B -o -q -pl agent -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test)
cp="$root/agent/target/test-classes:$root/agent/target/classes:$(cat "$work/cp.txt")"

# The broker runs until its standard input (a fifo held open here) closes.
mkfifo "$work/stdin"
java -Xmx1g -cp "$cp" io.pipelens.agent.bench.KafkaBroker < "$work/stdin" > "$work/broker.log" 2>&1 &
broker=$!
exec 3> "$work/stdin"
trap 'exec 3>&-; kill $broker 2>/dev/null || true; wait $broker 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  grep -q '^bootstrap ' "$work/broker.log" && break
  kill -0 $broker 2>/dev/null || { echo "the broker died; see $work/broker.log"; cat "$work/broker.log" | tail -20; exit 1; }
  sleep 0.5
done
bootstrap=$(awk '/^bootstrap / {print $2}' "$work/broker.log")
[[ -n $bootstrap ]] || { echo "no broker after 60 s; see $work/broker.log"; exit 1; }
echo "broker at $bootstrap"

# BENCH_KAFKA_RUN=steady runs steady.sh (steady-kafka.sh) instead of run.sh with this output.
BENCH_OUTPUT_NAME=kafka BENCH_OUTPUTS="  - kafka:
      brokers: [$bootstrap]
      topics: {engine: bench-engine, business: bench-business}${BENCH_KAFKA_OPTIONS:-}" \
  "$root/bench/agent/${BENCH_KAFKA_RUN:-run}.sh" "$@"
