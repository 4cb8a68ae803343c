#!/usr/bin/env bash
# Agent throughput benchmark: file input -> NDJSON file output, next to `cat FILE > /dev/null` and
# `wc -l FILE` on the same file in the same run. Reports MB/s, MB/s per CPU-second and peak RSS,
# and, with the file output, what `dd` costs to write a new file the size of the NDJSON written.
#
#   bench/agent/run.sh [SIZE_MIB] [single|multiline]
#
# BENCH_OUTPUTS replaces the outputs section of the agent's configuration (bench/agent/kafka.sh
# uses it) and BENCH_OUTPUT_NAME names it in the report.
#
# Uses bin/pipelens (builds the jar if needed) and a scratch directory under bench/agent/work/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
size_mib=${1:-2048}
mode=${2:-single}
work="$root/bench/agent/work"
rm -rf "$work" && mkdir -p "$work/logs" "$work/data"
log="$work/logs/app.log"

echo "generating $size_mib MiB of $mode lines..."
if [[ $mode == single ]]; then
  # 200-byte lines (199 characters and a newline) in Spark's log4j layout.
  line='24/05/01 12:00:01 INFO TaskSetManager: Finished task 17.0 in stage 3.0 (TID 1234) in 1532 ms on 10.0.3.17 (executor 7) (18/200) shuffle read 12.3 MiB records 104857 partition 17 attempt 0 ok....'
  line=$(printf '%-199.199s' "$line")
  { yes "$line" || true; } | head -c $((size_mib * 1024 * 1024)) > "$log"
else
  # Java stack traces: a 24-line record of about 1.5 KB, as Spark executors write them.
  python3 - "$log" "$size_mib" <<'PY'
import sys
path, mib = sys.argv[1], int(sys.argv[2])
record = ["24/05/01 12:00:01 ERROR Executor: Exception in task 17.0 in stage 3.0 (TID 1234)",
          "java.lang.IllegalStateException: partition 17 has a corrupt record at offset 123456"]
record += ["\tat org.apache.spark.sql.execution.datasources.FileScanRDD$$anon$1.next(FileScanRDD.scala:%d)" % i for i in range(18)]
record += ["Caused by: java.io.EOFException: Unexpected end of input stream",
           "\tat org.apache.hadoop.io.compress.DecompressorStream.decompress(DecompressorStream.java:165)",
           "\t... 18 more", "24/05/01 12:00:02 INFO Executor: Running task 18.0 in stage 3.0 (TID 1235)"]
chunk = ("\n".join(record) + "\n").encode() * 1000
with open(path, "wb") as f:
    written = 0
    while written < mib * 1024 * 1024:
        f.write(chunk); written += len(chunk)
PY
fi
bytes=$(stat -c %s "$log")
lines=$(wc -l < "$log")
cat "$log" > /dev/null   # warm the page cache for every contender

now() { date +%s.%N; }
t0=$(now); cat "$log" > /dev/null; t1=$(now)
cat_s=$(echo "$t1 - $t0" | bc -l)
t0=$(now); wc -l "$log" > /dev/null; t1=$(now)
wc_s=$(echo "$t1 - $t0" | bc -l)

preset=""
[[ $mode == multiline ]] && preset="    preset: spark"
port=${BENCH_PORT:-19499}
cat > "$work/agent.yaml" <<YAML
http: {host: 127.0.0.1, port: $port}
data_dir: $work/data
logging: {level: warn}
inputs:
  - name: bench
    file:
      paths: [$log]
    stream: engine
$preset
outputs:
${BENCH_OUTPUTS:-  - file:
      path: $work/out.ndjson}
YAML

# PIPELENS_JAR runs that jar instead of bin/pipelens's (to compare builds side by side).
launch() {
  if [[ -n ${PIPELENS_JAR:-} ]]; then
    # shellcheck disable=SC2086
    exec java ${JAVA_OPTS:-} -jar "$PIPELENS_JAR" "$@"
  fi
  PIPELENS_NO_BUILD=1 exec "$root/bin/pipelens" "$@"
}
[[ -n ${PIPELENS_JAR:-} || -f "$root/launcher/target/pipelens.jar" ]] || "$root/bin/pipelens" --version > /dev/null   # build outside the measurement
t0=$(now)
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}" launch agent --config "$work/agent.yaml" \
  > "$work/agent.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
# One scrape per look: each costs the agent about a millisecond of CPU, which counts in its figures.
scrape() { page=$(curl -s "http://127.0.0.1:$port/metrics" || true); }
# A metric's value in the last scrape by name, whatever its labels (every agent series carries
# compute_type); the sum when several series share the name.
metric() { awk -v m="$1" '{ n = $1; sub(/\{.*/, "", n) } n == m { s += $NF; f = 1 } END { if (f) printf "%.0f\n", s }' <<< "$page"; }
# CPU ticks per thread id (cheap: no attaching to the JVM inside the measurement).
task_ticks() { for task in /proc/$pid/task/*; do awk -v t="${task##*/}" '{ sub(/^.*\) /, ""); print t, $12 + $13 }' "$task/stat" 2>/dev/null; done; }
read_done=""
while :; do
  sleep 0.2
  kill -0 $pid 2>/dev/null || { echo "agent died; see $work/agent.log"; exit 1; }
  scrape
  read_bytes=$(metric pipelens_agent_read_bytes_total)
  # Once a quarter is read (JVM start and most JIT compiling behind): the steady-state mark.
  if [[ -z ${mark_t:-} && -n $read_bytes ]] && awk "BEGIN {exit !($read_bytes >= $bytes / 4)}"; then
    mark_t=$(now); mark_bytes=$read_bytes
    mark_cpu=$(awk '{print $14 + $15}' /proc/$pid/stat)
    mark_tasks=$(task_ticks)
  fi
  if [[ -n $read_bytes ]] && awk "BEGIN {exit !($read_bytes >= $bytes)}"; then
    [[ -n $read_done ]] || read_done=$(now)
    # all read; done once nothing is in flight
    inflight=$(metric pipelens_agent_pipeline_batches_in_flight)
    mem=$(metric pipelens_agent_pipeline_memory_used_bytes)
    if [[ ${inflight%.*} == 0 && ${mem%.*} == 0 ]]; then break; fi
  fi
done
t1=$(now)
end_tasks=$(task_ticks)
rss_kib=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
read -r utime stime < <(awk '{print $14, $15}' /proc/$pid/stat)
ticks=$(getconf CLK_TCK)
cpu_s=$(echo "($utime + $stime) / $ticks" | bc -l)
scrape; records=$(metric pipelens_agent_pipeline_acknowledged_records_total)
# Java thread names by native id, for the steady part's CPU per thread.
names=$(jcmd "$pid" Thread.print 2>/dev/null | sed -n 's/^"\([^"]*\)".* nid=\(0x[0-9a-f]*\).*/\2 \1/p' \
  | while read -r nid name; do echo "$((nid)) $name"; done)
kill -TERM $pid; wait $pid || true
trap - EXIT
agent_s=$(echo "$t1 - $t0" | bc -l)
steady_mb=$(echo "($bytes - ${mark_bytes:-0}) / 1000000" | bc -l)
steady_cpu_s=$(echo "(($utime + $stime) - ${mark_cpu:-0}) / $ticks" | bc -l)
steady_s=$(echo "$t1 - ${mark_t:-$t0}" | bc -l)
mb=$(echo "$bytes / 1000000" | bc -l)

printf '\n%s lines, %.0f MB, %d lines, %.0f records shipped\n' "$mode" "$mb" "$lines" "$records"
printf '%-28s %8.2f s %9.1f MB/s\n' "cat FILE > /dev/null" "$cat_s" "$(echo "$mb / $cat_s" | bc -l)"
printf '%-28s %8.2f s %9.1f MB/s\n' "wc -l FILE" "$wc_s" "$(echo "$mb / $wc_s" | bc -l)"
printf '%-28s %8.2f s %9.1f MB/s  (%.1f MB per CPU-second, %.2f cores, peak RSS %.0f MiB)\n' \
  "pipelens agent file->${BENCH_OUTPUT_NAME:-file}" "$agent_s" "$(echo "$mb / $agent_s" | bc -l)" \
  "$(echo "$mb / $cpu_s" | bc -l)" "$(echo "$cpu_s / $agent_s" | bc -l)" "$(echo "$rss_kib / 1024" | bc -l)"
printf '%-28s %8.2f s %9.1f MB/s  (%.1f MB per CPU-second; the last three quarters of the input, after JVM start and warm-up)\n' \
  "  steady part" "$steady_s" "$(echo "$steady_mb / $steady_s" | bc -l)" "$(echo "$steady_mb / $steady_cpu_s" | bc -l)"
# The steady part's CPU-seconds per thread: the agent's and its libraries' threads (Kafka's producer)
# by name, the JIT compilers and the JVM's own threads summed.
{ echo "$names"; echo --; echo "${mark_tasks:-}"; echo --; echo "$end_tasks"; } | awk -v jvm='^(GC Thread|G1 |VM |Notification Thread|Signal Dispatcher|Sweeper thread|Service Thread|Common-Cleaner|Reference Handler|Finalizer|main$|Attach Listener|DestroyJavaVM)' '
  $0 == "--" { part++; next }
  part == 0 { id = $1; $1 = ""; name[id] = substr($0, 2); next }
  part == 1 { before[$1] = $2; next }
  { n = ($1 in name) ? name[$1] : "?"; g = n
    if (n ~ /CompilerThread/) g = "JIT compilers"; else if (n ~ jvm) g = "JVM threads (GC, VM, start-up)"
    cpu[g] += $2 - before[$1] }
  END { for (g in cpu) if (cpu[g] > 0) printf "    %6.2f CPU-s  %s\n", cpu[g] / '"$ticks"', g }' | sort -rn
printf 'ratios: agent/cat %.3f, agent/wc %.3f (wall clock, same file, same run; agent time includes JVM start)\n' \
  "$(echo "$cat_s / $agent_s" | bc -l)" "$(echo "$wc_s / $agent_s" | bc -l)"
# What the kernel charges for writing that much NDJSON here, as a reference for the output thread's
# CPU: dd writes a new file of the same size while the output is still there, so that both write
# into page-cache memory the machine had not handed out yet. On a VM whose balloon or memory
# device takes freed memory back, that first touch of each page dominates the cost.
out="$work/out.ndjson"
if [[ -f $out ]]; then
  out_mib=$(( $(stat -c %s "$out") / 1048576 ))
  TIMEFORMAT='%R %U %S'
  read -r dd_wall dd_user dd_sys < <({ time dd if=/dev/zero of="$work/dd.out" bs=1M count="$out_mib" status=none; } 2>&1)
  printf 'dd of the %d MiB of NDJSON to a new file: %.2f s, %.2f CPU-seconds (%.2f in the kernel) for what the output thread wrote\n' \
    "$out_mib" "$dd_wall" "$(echo "$dd_user + $dd_sys" | bc -l)" "$dd_sys"
  rm -f "$work/dd.out"
fi
rm -rf "$work/logs" "$work/out.ndjson"* "$work/dd.out"
