#!/usr/bin/env bash
# The history server's web UI on a 200,000-task stage: HTML of a stage page (several sorts and
# filters) next to the REST API's taskList for the same page and /healthz, in the same run.
# Usage: bench/history-ui/run.sh [TASKS] [ROUNDS]     (defaults 200000 and 30)
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-200000}
rounds=${2:-30}
mvn -o -q -pl history-server -am test-compile -DskipTests
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -o -q -pl history-server dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cp="history-server/target/test-classes:history-server/target/classes:$(cat "$cp_file")"
# Reactor modules the history server depends on, from their target/ (never installed).
for m in core runtime log-search test-support; do cp="$cp:$m/target/classes"; done
exec java ${JAVA_OPTS:--Xmx2g} -cp "$cp" io.pipelens.history.ui.StagePageBenchmark "$tasks" "$rounds"
