#!/usr/bin/env bash
# The agent's per-line work in one process, without file I/O or the pipeline's threads
# (io.pipelens.agent.bench.HotPath): MB of 200-byte lines per CPU-second of the process, GC and JIT
# included. For comparing builds on a busy machine, where run.sh's wall clock mostly measures the
# other load: give several jars in PIPELENS_JARS and they run alternately, ROUNDS each time.
#
#   bench/agent/hotpath.sh ndjson|otlp [MIB] [ROUNDS] [REPEAT]
#   PIPELENS_JARS="/tmp/before.jar /tmp/after.jar" bench/agent/hotpath.sh ndjson 512 4 3
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-ndjson}
mib=${2:-256}
rounds=${3:-4}
repeat=${4:-1}
(cd "$root" && mvn -B -o -q -pl agent -am test-compile)   # -am: siblings from this reactor, not ~/.m2
jars=${PIPELENS_JARS:-$root/launcher/target/pipelens.jar}
[[ -n ${PIPELENS_JARS:-} || -f "$root/launcher/target/pipelens.jar" ]] || "$root/bin/pipelens" --version > /dev/null
for _ in $(seq 1 "$repeat"); do
  for jar in $jars; do
    echo "== $jar (load average $(cut -d' ' -f1 /proc/loadavg))"
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:--Xmx512m} -cp "$jar:$root/agent/target/test-classes" io.pipelens.agent.bench.HotPath \
      "$mode" "$mib" "$rounds" | grep -v '^encoded'
  done
done
