# shellcheck shell=bash
# Sourced by kafka.sh and heap-fit.sh: builds the agent's test classes and starts the tests'
# single-node KRaft broker (io.pipelens.agent.bench.KafkaBroker) in a JVM of its own, under $work.
#
#   start_broker        sets cp, broker (its pid) and bootstrap; exits the script if it fails
#   stop_broker         closes its standard input (it stops) and waits for it; nothing before
#                       start_broker, so an EXIT trap may call it at any time
#
# The broker runs until its standard input, a fifo held open on descriptor 3, closes.

start_broker() {
  # -am: the sibling modules from this worktree's reactor, not whatever ~/.m2 holds of them.
  (cd "$root" && mvn -B -o -q -pl agent -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test)
  cp="$root/agent/target/test-classes:$root/agent/target/classes:$(cat "$work/cp.txt")"
  mkfifo "$work/stdin"
  java -Xmx1g -cp "$cp" io.pipelens.agent.bench.KafkaBroker < "$work/stdin" > "$work/broker.log" 2>&1 &
  broker=$!
  exec 3> "$work/stdin"
  for _ in $(seq 1 120); do
    grep -q '^bootstrap ' "$work/broker.log" && break
    kill -0 "$broker" 2>/dev/null || { echo "the broker died; see $work/broker.log"; tail -20 "$work/broker.log"; exit 1; }
    sleep 0.5
  done
  bootstrap=$(awk '/^bootstrap / {print $2}' "$work/broker.log")
  [[ -n $bootstrap ]] || { echo "no broker after 60 s; see $work/broker.log"; exit 1; }
  echo "broker at $bootstrap"
}

stop_broker() {
  [[ -n ${broker:-} ]] || return 0
  exec 3>&-
  kill "$broker" 2>/dev/null || true
  wait "$broker" 2>/dev/null || true
}
