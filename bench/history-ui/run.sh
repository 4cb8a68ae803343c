#!/usr/bin/env bash
# The history server's web UI on a 200,000-task stage: HTML of a stage page (several sorts and
# filters) next to the REST API's taskList for the same page and /healthz, in the same run.
# Usage: bench/history-ui/run.sh [TASKS] [ROUNDS]     (defaults 200000 and 30)
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-200000}
rounds=${2:-30}
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# One reactor run: the modules the history server depends on resolve to their target/classes
# (nothing is installed); each module writes the file, the history server last.
mvn -o -q -pl history-server -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
cp="history-server/target/test-classes:history-server/target/classes:$(cat "$cp_file")"
exec java ${JAVA_OPTS:--Xmx2g} -cp "$cp" io.pipelens.history.ui.StagePageBenchmark "$tasks" "$rounds"
