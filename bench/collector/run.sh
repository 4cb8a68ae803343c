#!/usr/bin/env bash
# Collector benchmark (issue 4): Kafka -> collector -> Elasticsearch in documents per second, next
# to a plain _bulk of the same documents into the same Elasticsearch in the same run, and the
# end-to-end latency of a line written to a file until it is searchable (agent + Kafka +
# collector), p50 and p99. Uses the tests' servers (test-support: Elasticsearch as a child
# process, a KRaft broker in the benchmark's JVM); no Docker.
#
#   bench/collector/run.sh [RECORDS] [LATENCY_SECONDS] [ROUNDS]   # defaults 300000, 30 and 2
#
# ROUNDS collector loads alternate with ROUNDS + 1 plain loads after a warm-up; 0 LATENCY_SECONDS
# skips the latency part.
#
# Needs the collector's test classes and Maven's local repository (mvn -o).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/bench/collector/work"
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
# One reactor run, so the sibling modules resolve to their target/classes; each module writes the
# file in turn and the collector, built last, writes it last.
(cd "$root" && mvn -B -o -q test-compile dependency:build-classpath -pl collector -am \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test)
cp="$root/collector/target/test-classes:$root/collector/target/classes:$(cat "$work/cp.txt")"
# test-support finds the Elasticsearch distribution through this property, as the tests do.
es_version=$(sed -n "s:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p" "$root/pom.xml")
es_zip="$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$es_version/elasticsearch-$es_version.zip"
cd "$root/collector"
java -Xmx2g ${JAVA_OPTS:-} -Dpipelens.elasticsearch.zip="$es_zip" -cp "$cp" \
  io.pipelens.collector.bench.CollectorBench "$@" 2>&1 | grep -E '^(elasticsearch|plain|collector into|THROUGHPUT|LATENCY)|Exception|at io.pipelens'
