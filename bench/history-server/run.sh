#!/usr/bin/env bash
# History-server replay benchmark: one large synthetic-but-valid Spark event log, made from a real
# one (Spark 3.3, local-1642039451826, with SQL executions) by repeating each task start and end
# line with fresh task ids until the log holds TASKS tasks. Measures, next to `cat FILE` on the same
# file in the same run: the time from starting `bin/pipelens history-server` until
# /api/v1/applications/{id}/stages answers (listing + full replay + the answer), the replay alone
# (pipelens_history_replay_duration_seconds), the process's peak RSS, the heap in use after the
# answer (after a full GC, via jcmd) and the model's estimated size (cache.max_memory's measure).
# Then the same for Spark's own History Server (4.1.2, from Maven Central) on the same file.
#
#   bench/history-server/run.sh [TASKS]          (default 200000, about 960 MB)
#   LAYOUT=interleaved bench/history-server/run.sh   (task starts and ends interleaved; lib.sh)
#
# Each contender's class path (pipelens' jar and class archive, Spark's jars) is read once before
# its start, as the log is, so that a disk read of jars pushed out of the page cache is not timed.
# JAVA_OPTS passes JVM options (default -Xmx2g). Uses bin/pipelens (builds the jar if needed) or
# the jar in PIPELENS_JAR, and a scratch directory under bench/history-server/work/.
# bin/pipelens maps the AppCDS archive the build writes next to the jar (launcher/target/pipelens.jsa,
# see README "Class archive"); PIPELENS_CDS=0 measures without it. A jar in PIPELENS_JAR runs
# without an archive unless CDS=1.
# CDS=1: before the measurement, one unmeasured run of the server replays the small original log
# and answers its stages, writing a dynamic AppCDS archive of the classes it loaded
# (-XX:ArchiveClassesAtExit); the measured run maps that archive (-XX:SharedArchiveFile) in place
# of the build's.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=lib.sh
source "$root/bench/history-server/lib.sh"
tasks=${1:-200000}
work="$root/bench/history-server/work"
rm -rf "$work" && mkdir -p "$work/events"
base="$root/history-server/src/test/resources/spark-events/local-1642039451826"
app=local-1642039451826
log="$work/events/$app"

generate_log "$base" "$log" "$tasks"
bytes=$(stat -c %s "$log")
mb=$(echo "$bytes / 1000000" | bc -l)
cat "$log" > /dev/null   # warm the page cache for every contender

t0=$(now); cat "$log" > /dev/null; t1=$(now)
cat_s=$(echo "$t1 - $t0" | bc -l)

port=${BENCH_PORT:-19488}
cat > "$work/history.yaml" <<YAML
log_directories: [file://$work/events]
scan_interval: 1s
http: {host: 127.0.0.1, port: $port}
logging: {level: warn}
YAML

[[ -n ${PIPELENS_JAR:-} || -f "$root/launcher/target/pipelens.jar" ]] || "$root/bin/pipelens" --version > /dev/null   # build outside the measurement

jvm_opts="${JAVA_OPTS:--Xmx2g}"
if [[ ${CDS:-0} == 1 ]]; then
  mkdir -p "$work/train-events"
  cp "$base" "$work/train-events/$app"
  train_port=$((port + 2))
  cat > "$work/train.yaml" <<YAML
log_directories: [file://$work/train-events]
scan_interval: 1s
http: {host: 127.0.0.1, port: $train_port}
logging: {level: warn}
YAML
  JAVA_OPTS="$jvm_opts -XX:ArchiveClassesAtExit=$work/pipelens.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
    launch history-server --config "$work/train.yaml" > "$work/train.log" 2>&1 &
  tpid=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$train_port/api/v1/applications/$app/stages" || true) == 200 ]]; do
    kill -0 $tpid 2>/dev/null || { echo "training run died; see $work/train.log"; exit 1; }
    sleep 0.1
  done
  curl -s -o /dev/null "http://127.0.0.1:$train_port/metrics"
  kill -TERM $tpid; wait $tpid || true
  [[ -s $work/pipelens.jsa ]] || { echo "no CDS archive written; see $work/train.log"; exit 1; }
  echo "AppCDS archive: $(( $(stat -c %s "$work/pipelens.jsa") / 1048576 )) MiB of classes from a training run"
  jvm_opts="$jvm_opts -XX:SharedArchiveFile=$work/pipelens.jsa -Xlog:cds=off"
fi

if [[ ${CDS:-0} == 1 ]]; then
  echo "class archive: the training run's"
elif [[ -z ${PIPELENS_JAR:-} && ${PIPELENS_CDS:-1} != 0 && "$root/launcher/target/pipelens.jsa" -nt "$root/launcher/target/pipelens.jar" ]]; then
  echo "class archive: the build's, launcher/target/pipelens.jsa"
else
  echo "class archive: none"
fi
# Like the log, each contender's class path is read once first: the measurement is the replay and
# the start-up work, not a disk read of jars that writes elsewhere pushed out of the page cache.
cat "${PIPELENS_JAR:-$root/launcher/target/pipelens.jar}" > /dev/null
if [[ -f $root/launcher/target/pipelens.jsa ]]; then cat "$root/launcher/target/pipelens.jsa" > /dev/null; fi
t0=$(now)
JAVA_OPTS="$jvm_opts" launch history-server --config "$work/history.yaml" \
  > "$work/history.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/api/v1/applications/$app/stages"
while :; do
  kill -0 $pid 2>/dev/null || { echo "history server died; see $work/history.log"; exit 1; }
  code=$(curl -s -o "$work/stages.json" -w '%{http_code}' "$url" || true)
  [[ $code == 200 ]] && break
  sleep 0.05
done
t1=$(now)
rss_kib=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
read -r utime stime < <(awk '{print $14, $15}' /proc/$pid/stat)
cpu_s=$(awk -v u="$utime" -v s="$stime" -v t="$(getconf CLK_TCK)" 'BEGIN {print (u + s) / t}')
metrics=$(curl -s "http://127.0.0.1:$port/metrics")
# Prometheus may print 7.4E7; awk reads that, bc does not.
metric() { awk -v m="$1" '$1 == m {printf "%.6f\n", $2}' <<< "$metrics"; }
replay_s=$(metric pipelens_history_replay_duration_seconds_sum)
estimate=$(metric pipelens_history_apps_loaded_size_bytes)
heap_kib=""
if command -v jcmd > /dev/null; then
  jcmd $pid GC.run > /dev/null 2>&1 || true
  # G1 prints one line for the heap; the parallel and serial collectors one per generation.
  heap_kib=$(jcmd $pid GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen|heap total/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub(/K,?/,"",$(i+1)); sum += $(i+1); found = 1}} END {if (found) print sum}')
fi
t2=$(now)
curl -s -o /dev/null "$url"
t3=$(now)
kill -TERM $pid; wait $pid || true
trap - EXIT
total_s=$(echo "$t1 - $t0" | bc -l)
stages=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/stages.json")

printf '\n%.0f MB, %s tasks, %s stages answered\n' "$mb" "$(grep -c '"SparkListenerTaskEnd"' "$log")" "$stages"
printf '%-44s %8.2f s %9.1f MB/s\n' "cat FILE > /dev/null" "$cat_s" "$(echo "$mb / $cat_s" | bc -l)"
printf '%-44s %8.2f s %9.1f MB/s  (%.1f CPU-seconds, %.1f MB per CPU-second)\n' "start until .../stages answers" "$total_s" \
  "$(echo "$mb / $total_s" | bc -l)" "$cpu_s" "$(echo "$mb / $cpu_s" | bc -l)"
printf '%-44s %8.2f s %9.1f MB/s\n' "  replay (pipelens_history_replay_duration)" "$replay_s" "$(echo "$mb / $replay_s" | bc -l)"
printf '%-44s %8.3f s\n' "  .../stages again, from memory" "$(echo "$t3 - $t2" | bc -l)"
printf 'peak RSS %.0f MiB; heap in use after a full GC %s MiB; estimated model %.0f MiB\n' \
  "$(echo "$rss_kib / 1024" | bc -l)" "$([[ -n $heap_kib ]] && echo "$heap_kib / 1024" | bc || echo '?')" \
  "$(echo "${estimate:-0} / 1048576" | bc -l)"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'ratio pipelens/cat %.3f (wall clock, same file, same run; pipelens time includes JVM start)\n' \
  "$(echo "$cat_s / $total_s" | bc -l)"

# Spark's own History Server on the same file, in the same run, from the artifacts spark-compat
# tests with (spark-compat/spark-classpath/pom.xml). SPARK_HS=0 skips it; SPARK_HS_OPTS sets its
# JVM options (default -Xmx8g, so the heap cap does not decide the outcome).
if [[ ${SPARK_HS:-1} != 0 ]]; then
  cp_file=$(spark_classpath)
  spark_port=$((port + 1))
  tr ':' '\n' < "$cp_file" | while read -r jar; do if [[ -f $jar ]]; then cat "$jar"; fi; done > /dev/null
  t0=$(now)
  start_spark_history "$work/events" "$spark_port" "$work/spark-history.log"
  trap 'kill $spid 2>/dev/null || true' EXIT
  surl="http://127.0.0.1:$spark_port/api/v1/applications/$app/stages"
  while :; do
    kill -0 $spid 2>/dev/null || { echo "Spark's history server died; see $work/spark-history.log"; exit 1; }
    code=$(curl -s -o "$work/spark-stages.json" -w '%{http_code}' "$surl" || true)
    [[ $code == 200 ]] && break
    sleep 0.2
  done
  t1=$(now)
  spark_rss_kib=$(awk '/VmHWM/ {print $2}' /proc/$spid/status)
  read -r utime stime < <(awk '{print $14, $15}' /proc/$spid/stat)
  spark_cpu_s=$(awk -v u="$utime" -v s="$stime" -v t="$(getconf CLK_TCK)" 'BEGIN {print (u + s) / t}')
  kill -TERM $spid; wait $spid || true
  trap - EXIT
  spark_s=$(echo "$t1 - $t0" | bc -l)
  spark_stages=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/spark-stages.json")
  printf '\nSpark %s History Server, same file: %s stages answered\n' \
    "$(basename "$(tr ':' '\n' < "$cp_file" | grep -m1 'spark-core_')" .jar | sed 's/spark-core_2.13-//')" "$spark_stages"
  printf '%-44s %8.2f s %9.1f MB/s  (%.1f CPU-seconds)\n' "start until .../stages answers" "$spark_s" \
    "$(echo "$mb / $spark_s" | bc -l)" "$spark_cpu_s"
  printf 'peak RSS %.0f MiB\n' "$(echo "$spark_rss_kib / 1024" | bc -l)"
  printf 'pipelens vs Spark: %.1fx faster to answer, %.2f of its peak RSS\n' \
    "$(echo "$spark_s / $total_s" | bc -l)" "$(echo "$rss_kib / $spark_rss_kib" | bc -l)"
  rm -f "$work/spark-stages.json"
fi
rm -rf "$work/events" "$work/stages.json"
