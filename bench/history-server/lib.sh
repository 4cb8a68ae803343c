#!/usr/bin/env bash
# Shared by the history-server benchmarks (run.sh, warm.sh, append.sh): the synthetic log, the
# launchers of pipelens and of Spark's History Server, and polling. Sourced, not run.

# generate_log BASE OUT TASKS: a synthetic-but-valid event log made from the real log BASE (Spark
# 3.3, local-1642039451826, with SQL executions) by repeating each task start and end line with
# fresh task ids until it holds TASKS tasks. LAYOUT (environment) says how the copies are placed:
#   inplace (default)  each line's copies in a row where the line was: a stage's task starts all
#                      come before its first task end (tens of thousands of tasks running at once)
#   interleaved        each run of consecutive task lines repeated as a whole, every copy in the
#                      original's order: starts and ends interleave as Spark writes them
generate_log() {
  local base=$1 log=$2 tasks=$3
  echo "generating a log with at least $tasks tasks from $(basename "$base") (layout ${LAYOUT:-inplace})..."
  python3 - "$base" "$log" "$tasks" "${LAYOUT:-inplace}" <<'PY'
import math, re, sys
base, out, want, layout = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if layout not in ("inplace", "interleaved"):
    sys.exit(f"LAYOUT must be inplace or interleaved, not {layout}")
lines = open(base, encoding="utf-8").read().splitlines()
task_lines = [l for l in lines if l.startswith('{"Event":"SparkListenerTaskEnd"')]
ids = [int(m) for l in lines for m in re.findall(r'"Task ID":(\d+)', l)]
copies = math.ceil(want / len(task_lines))
stride = max(ids) + 1
pattern = re.compile(r'"Task ID":(\d+)')
def is_task(line):
    return line.startswith('{"Event":"SparkListenerTaskStart"') or line.startswith('{"Event":"SparkListenerTaskEnd"')
def shifted(line, copy):
    head, sep, tail = line.partition('"Task ID":')
    digits = re.match(r'\d+', tail).group(0)
    rest = tail[len(digits):]
    # Spark writes "Task ID" once per task line, inside "Task Info"; shift that one.
    assert pattern.search(rest) is None
    return head + sep + str(int(digits) + copy * stride) + rest + "\n"
with open(out, "w", encoding="utf-8") as f:
    i = 0
    while i < len(lines):
        if not is_task(lines[i]):
            f.write(lines[i] + "\n")
            i += 1
            continue
        j = i
        while j < len(lines) and is_task(lines[j]):
            j += 1
        run = lines[i:j]
        if layout == "inplace":
            for line in run:
                for copy in range(copies):
                    f.write(shifted(line, copy))
        else:
            for copy in range(copies):
                for line in run:
                    f.write(shifted(line, copy))
        i = j
print(f"{copies} copies of {len(task_lines)} tasks: {copies * len(task_lines)} tasks")
PY
}

now() { date +%s.%N; }

# launch ARGS...: bin/pipelens (or the jar in PIPELENS_JAR) with JAVA_OPTS, replacing the shell.
launch() {
  if [[ -n ${PIPELENS_JAR:-} ]]; then
    # shellcheck disable=SC2086
    exec java ${JAVA_OPTS:-} -jar "$PIPELENS_JAR" "$@"
  fi
  PIPELENS_NO_BUILD=1 exec "$root/bin/pipelens" "$@"
}

# ensure_built: builds the jar outside any measurement.
ensure_built() {
  [[ -n ${PIPELENS_JAR:-} || -f "$root/launcher/target/pipelens.jar" ]] || "$root/bin/pipelens" --version > /dev/null
}

# spark_classpath: prints the file holding the classpath of Spark's History Server (4.1.2, from
# Maven Central, spark-compat/spark-classpath/pom.xml), resolving it once.
spark_classpath() {
  local cp_file="$root/spark-compat/target/spark-classpath.txt"
  if [[ ! -s $cp_file ]]; then
    mkdir -p "$(dirname "$cp_file")"
    mvn -B -q -o -f "$root/spark-compat/spark-classpath/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2 \
      || mvn -B -q -f "$root/spark-compat/spark-classpath/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
  fi
  echo "$cp_file"
}

# start_spark_history LOG_DIR PORT OUT: Spark's History Server in the background (SPARK_HS_OPTS,
# default -Xmx8g; Spark's Java 17 module flags; in-memory store; 1 s update interval); sets spid.
start_spark_history() {
  local dir=$1 port=$2 out=$3 cp_file
  cp_file=$(spark_classpath)
  local opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector)
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
    sun.security.action sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
  done
  # shellcheck disable=SC2086
  java "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
    ${SPARK_HS_OPTS:--Xmx8g} -cp "$(cat "$cp_file")" \
    -Dspark.history.fs.logDirectory="file://$dir" -Dspark.history.ui.port="$port" \
    -Dspark.history.fs.update.interval=1s \
    org.apache.spark.deploy.history.HistoryServer > "$out" 2>&1 &
  spid=$!
}

# await_200 PID URL OUT [SLEEP]: polls URL until it answers 200 (body in OUT); fails if PID dies.
await_200() {
  local pid=$1 url=$2 out=$3 pause=${4:-0.05} code
  while :; do
    kill -0 "$pid" 2>/dev/null || { echo "server $pid died" >&2; return 1; }
    code=$(curl -s -o "$out" -w '%{http_code}' "$url" || true)
    [[ $code == 200 ]] && return 0
    sleep "$pause"
  done
}

# peak_rss_mib PID, cpu_seconds PID
peak_rss_mib() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
cpu_seconds() {
  local utime stime
  read -r utime stime < <(awk '{print $14, $15}' "/proc/$1/stat")
  awk -v u="$utime" -v s="$stime" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (u + s) / t}'
}

# metric NAME METRICS_TEXT: a Prometheus sample's value (7.4E7 read as a number).
metric() { awk -v m="$1" '$1 == m {printf "%.6f\n", $2}' <<< "$2"; }
