#!/usr/bin/env bash
# Does the DaemonSet's agent fit its heap? Runs the agent with the DaemonSet's JVM options and the
# ConfigMap's budgets on a busy node: FILES files of 200-byte lines (MIB MiB each, read at full
# speed) and one Spark event log whose lines of LINE_MIB MiB are interleaved with small ones,
# shipped to a local single-node KRaft broker (kafka.sh's). With FREEZE_AFTER set, the broker is
# stopped (SIGSTOP) that many seconds after the agent's start for FROZEN seconds, then resumed, so
# the budgets fill while nothing is acknowledged. Reports whether the agent ran out of heap (exit
# code 3, -XX:+ExitOnOutOfMemoryError) or stalled, and how many lines reached Kafka.
#
#   bench/agent/heap-fit.sh                         (the ConfigMap's values)
#   XMX=64m MAX_LINE=16MiB LINE_MIB=12 LINES=20 bench/agent/heap-fit.sh
#   FREEZE_AFTER=3 FROZEN=20 bench/agent/heap-fit.sh
#
# XMX, MEMORY_BUDGET, MAX_PENDING and MAX_LINE override the heap, pipeline.memory_budget,
# kafka.max_pending and the event input's file.max_line_size (defaults: the -Xmx of
# deploy/daemonset/agent-daemonset.yaml, whose JVM options the agent runs with, and the
# ConfigMap's 24MiB, 16MiB and 8MiB); FILES, MIB, LINES and LINE_MIB the input (4, 256, 30 and 7.9);
# JVM_EXTRA adds JVM options. A run ends within about 200 s.
#
# Builds the agent's test classes (broker.sh) and uses bin/pipelens's jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/bench/agent/work-heap-fit"
rm -rf "$work" && mkdir -p "$work/logs" "$work/events" "$work/data"
files=${FILES:-4} mib=${MIB:-256} line_mib=${LINE_MIB:-7.9} lines=${LINES:-30}
port=${BENCH_PORT:-19477}

[[ -f "$root/launcher/target/pipelens.jar" ]] || "$root/bin/pipelens" --version > /dev/null
# shellcheck source=broker.sh
source "$root/bench/agent/broker.sh"

echo "generating $files files of $mib MiB of 200-byte lines and an event log with $lines lines of $line_mib MiB..."
line=$(printf '%-199.199s' "24/05/01 12:00:01 INFO TaskSetManager: Finished task 17.0 in stage 3.0 (TID 1234) in 1532 ms on 10.0.3.17 (executor 7)")
for f in $(seq 1 "$files"); do
  { yes "$line" || true; } | head -c $((mib * 1024 * 1024)) > "$work/logs/app$f.log"
done
python3 - "$work/events/app-20240501120000-0001" "$line_mib" "$lines" <<'PY'
import json, sys
path, mib, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
big = json.dumps({"Event": "SparkListenerSQLExecutionStart", "executionId": 1,
                  "physicalPlanDescription": "P" * int(mib * 1024 * 1024)})
small = json.dumps({"Event": "SparkListenerTaskEnd", "Stage ID": 1, "Task Info": {"Task ID": 1}})
with open(path, "w") as f:
    for _ in range(n):
        f.write(big + "\n")
        for _ in range(1000):
            f.write(small + "\n")
PY
shopt -s nullglob
total=$(cat "$work"/logs/* "$work"/events/* | wc -l)

agent=
cleanup() {
  [[ -n $agent ]] && kill -9 "$agent" 2>/dev/null || true
  [[ -n ${broker:-} ]] && kill -CONT "$broker" 2>/dev/null || true
  stop_broker
}
trap cleanup EXIT
start_broker

# The ConfigMap's inputs, pipeline and output, on this scratch directory.
cat > "$work/agent.yaml" <<YAML
http: {host: 127.0.0.1, port: $port}
data_dir: $work/data
logging: {level: warn}
inputs:
  - name: containers
    file: {paths: ["$work/logs/*.log"]}
    stream: business
    preset: java
  - name: spark-events
    file:
      paths: [$work/events/**]
      max_line_size: ${MAX_LINE:-8MiB}
    stream: event
outputs:
  - name: kafka
    kafka:
      brokers: [$bootstrap]
      topics: {business: bench-business, event: bench-event}
      compression: lz4
      max_pending: ${MAX_PENDING:-16MiB}
pipeline:
  memory_budget: ${MEMORY_BUDGET:-24MiB}
  batch_max_records: 4096
  batch_max_size: 1MiB
  flush_interval: 200ms
masking: {builtin: true}
YAML

sent() {
  curl -s "localhost:$port/metrics" \
    | awk '/^pipelens_agent_output_sent_records_total/ {s += $2} END {printf "%d", s}'
}
# The DaemonSet's own JDK_JAVA_OPTIONS, read from its manifest, with XMX in place of its -Xmx.
jvm=$(grep -A1 'name: JDK_JAVA_OPTIONS' "$root/deploy/daemonset/agent-daemonset.yaml" | sed -n 's/^ *value: //p')
[[ $jvm == *-Xmx* ]] || { echo "no -Xmx in the DaemonSet's JDK_JAVA_OPTIONS: '$jvm'"; exit 1; }
if [[ -n ${XMX:-} ]]; then jvm=$(sed -E "s/-Xmx[^ ]+/-Xmx$XMX/" <<< "$jvm"); fi
jvm+=" ${JVM_EXTRA:-}"
echo "agent: $jvm; memory_budget ${MEMORY_BUDGET:-24MiB}, max_pending ${MAX_PENDING:-16MiB}, event max_line_size ${MAX_LINE:-8MiB}"
JAVA_OPTS="$jvm" PIPELENS_NO_BUILD=1 "$root/bin/pipelens" agent --config "$work/agent.yaml" > "$work/agent.log" 2>&1 &
agent=$!
started=$(date +%s)
frozen=0
outcome=
while (( $(date +%s) - started < 200 )); do
  sleep 1
  if ! kill -0 "$agent" 2>/dev/null; then
    rc=0; wait "$agent" || rc=$?
    outcome="the agent exited with code $rc after $(( $(date +%s) - started )) s"
    (( rc == 3 )) && outcome+=" (out of heap)"
    agent=
    break
  fi
  elapsed=$(( $(date +%s) - started ))
  if [[ -n ${FREEZE_AFTER:-} ]] && (( frozen == 0 && elapsed >= FREEZE_AFTER )); then
    kill -STOP "$broker"; frozen=1; echo "broker stopped at $elapsed s"
  elif (( frozen == 1 && elapsed >= FREEZE_AFTER + ${FROZEN:-20} )); then
    kill -CONT "$broker"; frozen=2; echo "broker resumed at $elapsed s"
  fi
  if (( frozen != 1 )) && [[ $(sent) -ge $total ]]; then
    outcome="every line sent after $elapsed s"
    break
  fi
done
[[ -n $outcome ]] || outcome="not done after 200 s (sent $(sent) of $total): stalled"
echo "$outcome; lines sent $( [[ -n $agent ]] && sent || echo '?') of $total"
grep -m1 -E 'OutOfMemoryError' "$work/agent.log" || true
if [[ -n $agent ]]; then
  kill "$agent"; rc=0; timeout 30 tail --pid="$agent" -f /dev/null || rc=$?
  (( rc == 0 )) && echo "stopped on SIGTERM" || echo "did not stop within 30 s of SIGTERM"
fi
