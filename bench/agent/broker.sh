#!/usr/bin/env bash
# Shared by kafka.sh and steady-kafka.sh: a local single-node KRaft broker (the tests' broker,
# io.pipelens.testsupport.TestServers, in a JVM of its own; no Docker). Sourced, not run.
#
# start_broker WORK: builds the agent's test classes (mvn -o -pl agent -am test-compile, class path
# from Maven's local repository), starts the broker with WORK as its scratch directory and sets
# `bootstrap` (host:port) and `broker` (its pid). The broker runs until stop_broker, or until this
# shell exits (its standard input, a fifo held open on fd 3, then closes).
broker=""

start_broker() {
  local work=$1
  # -am: the sibling modules from this worktree's reactor, not whatever ~/.m2 holds of them.
  (cd "$root" && mvn -B -o -q -pl agent -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test)
  local cp="$root/agent/target/test-classes:$root/agent/target/classes:$(cat "$work/cp.txt")"
  mkfifo "$work/stdin"
  java -Xmx1g -cp "$cp" io.pipelens.agent.bench.KafkaBroker < "$work/stdin" > "$work/broker.log" 2>&1 &
  broker=$!
  exec 3> "$work/stdin"
  for _ in $(seq 1 120); do
    grep -q '^bootstrap ' "$work/broker.log" && break
    kill -0 $broker 2>/dev/null || { echo "the broker died; see $work/broker.log"; tail -20 "$work/broker.log"; return 1; }
    sleep 0.5
  done
  bootstrap=$(awk '/^bootstrap / {print $2}' "$work/broker.log")
  [[ -n $bootstrap ]] || { echo "no broker after 60 s; see $work/broker.log"; return 1; }
  echo "broker at $bootstrap"
}

# stop_broker: closes the broker's standard input and waits for it.
stop_broker() {
  exec 3>&-
  if [[ -n $broker ]]; then
    kill "$broker" 2>/dev/null || true
    wait "$broker" 2>/dev/null || true
  fi
}
