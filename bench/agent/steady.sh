#!/usr/bin/env bash
# Agent cost at a steady load: 10 MB/s of 512-byte lines spread over 100 files for 30 s,
# file input -> NDJSON file output. Reports the agent's CPU (% of one core) over the window, its RSS
# at the window's end (and the process's peak) and sampled once a second through the window
# (lowest, median, highest), and the CPU of each of the agent's threads (JIT compilers and the JVM's own threads grouped), with
# the part of it spent in the kernel (system time).
#
#   bench/agent/steady.sh [MB_PER_S] [SECONDS]
#   WARMUP=60 bench/agent/steady.sh 10 60   # the window starts after WARMUP seconds (default 10)
#
# BENCH_OUTPUTS replaces the outputs section (bench/agent/steady-kafka.sh uses it: the same load
# shipped to a local Kafka broker, the DaemonSet's usual output, instead of an NDJSON file).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rate=${1:-10}
seconds=${2:-30}
work="$root/bench/agent/work-steady"
rm -rf "$work" && mkdir -p "$work/logs" "$work/data"
port=${BENCH_PORT:-19498}
cat > "$work/agent.yaml" <<YAML
http: {host: 127.0.0.1, port: $port}
data_dir: $work/data
logging: {level: warn}
inputs:
  - name: steady
    file:
      paths: [$work/logs/*.log]
    stream: business
outputs:
${BENCH_OUTPUTS:-  - file:
      path: $work/out.ndjson
      rotate_size: 256MiB}
YAML
# PIPELENS_JAR runs that jar instead of bin/pipelens's (to compare builds side by side).
launch() {
  if [[ -n ${PIPELENS_JAR:-} ]]; then
    # shellcheck disable=SC2086
    exec java ${JAVA_OPTS:-} -jar "$PIPELENS_JAR" "$@"
  fi
  PIPELENS_NO_BUILD=1 exec "$root/bin/pipelens" "$@"
}
[[ -n ${PIPELENS_JAR:-} || -f "$root/launcher/target/pipelens.jar" ]] || "$root/bin/pipelens" --version > /dev/null
JAVA_OPTS="${JAVA_OPTS:-}" launch agent --config "$work/agent.yaml" \
  > "$work/agent.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; kill $writer 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.2; done

warmup=${WARMUP:-10}
python3 - "$work/logs" "$rate" "$((seconds + warmup))" <<'PY' &
import os, sys, time
d, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
files = [open(os.path.join(d, "app-%03d.log" % i), "ab", buffering=0) for i in range(100)]
line = (b"2024-05-01 12:00:01,123\tINFO worker.py:123 -- processed shard %08d of the image dedup job, "
        b"kept 9123 of 10000 images, " + b"x" * 512)[:511] + b"\n"
per_file_tick = rate * 1e6 / 512 / 100 / 100   # lines per file per 10 ms tick
start, tick, due = time.time(), 0, 0.0
while time.time() - start < seconds:
    due += per_file_tick
    lines = int(due)
    due -= lines
    if lines:
        for f in files:
            f.write(line * lines)
    tick += 1
    delay = start + tick * 0.01 - time.time()
    if delay > 0:
        time.sleep(delay)
PY
writer=$!
sleep "$warmup"   # let the JVM warm up
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' /proc/$pid/stat; }
# CPU ticks per thread, by Java thread name (jcmd maps native ids to names; /proc's comm is cut at
# 15 characters, and every agent thread starts with "pipelens-agent-").
threads() {
  local -A names=()
  local nid name task
  while read -r nid name; do names[$((nid))]=$name; done < <(
    jcmd "$pid" Thread.print 2>/dev/null | sed -n 's/^"\([^"]*\)".* nid=\(0x[0-9a-f]*\).*/\2 \1/p')
  for task in /proc/$pid/task/*; do
    name=${names[${task##*/}]:-$(cat "$task/comm" 2>/dev/null)}
    awk -v n="$name" '{ sub(/^.*\) /, ""); print n "\t" $12 + $13 "\t" $13 }' "$task/stat" 2>/dev/null
  done
}
th0=$(threads); c0=$(cpu); t0=$(date +%s.%N); b0=$(du -sb "$work/logs" | cut -f1)
# The RSS once a second through the window (from /proc: no work for the agent), since the value at
# the end can fall on a peak (the JIT's arenas while C2 compiles) or between two.
rss_samples=()
for ((i = 0; i < seconds; i++)); do
  sleep 1
  rss_samples+=("$(awk '/VmRSS/ {print $2}' /proc/$pid/status)")
done
c1=$(cpu); t1=$(date +%s.%N); b1=$(du -sb "$work/logs" | cut -f1); th1=$(threads)  # jcmd outside the window
rss_kib=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
hwm_kib=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
behind=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^pipelens_agent_bytes_behind/ {print $2}')
wall=$(echo "$t1 - $t0" | bc -l)
printf 'output %s: written %.1f MB/s over %.0f s; agent CPU %.1f%% of one core, RSS %.0f MiB (peak %.0f MiB), bytes behind at the end %s\n' \
  "${BENCH_OUTPUT_NAME:-file}" "$(echo "($b1 - $b0) / $wall / 1000000" | bc -l)" "$wall" \
  "$(echo "($c1 - $c0) / $ticks / $wall * 100" | bc -l)" "$(echo "$rss_kib / 1024" | bc -l)" \
  "$(echo "$hwm_kib / 1024" | bc -l)" "$behind"
printf '%s\n' "${rss_samples[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  printf "RSS over the window, once a second: lowest %.0f MiB, median %.0f MiB, highest %.0f MiB (%d samples)\n",
    v[1] / 1024, v[int((NR + 1) / 2)] / 1024, v[NR] / 1024, NR }'
# Per thread over the window: the agent's threads by name, the JIT compilers and the JVM's own threads summed.
printf '%s\n--\n%s\n' "$th0" "$th1" | awk -F'\t' -v w="$wall" -v hz="$ticks" -v jvm='^(GC Thread|G1 |VM |Notification Thread|Signal Dispatcher|Sweeper thread|Service Thread|Common-Cleaner|Reference Handler|Finalizer|main$|Attach Listener|DestroyJavaVM)' '
  $0 == "--" { after = 1; next }
  { g = $1; if (g ~ /CompilerThread/) g = "JIT compilers"; else if (g ~ jvm) g = "JVM threads (GC, VM)"
    if (after) { c1[g] += $2; s1[g] += $3 } else { c0[g] += $2; s0[g] += $3 } }
  END { for (g in c1) if (c1[g] - c0[g] > 0)
          printf "%6.2f%%  %s (system %.2f%%)\n", (c1[g] - c0[g]) / hz / w * 100, g, (s1[g] - s0[g]) / hz / w * 100 }' | sort -rn
kill -TERM $pid; wait $pid || true
kill $writer 2>/dev/null || true
trap - EXIT
rm -rf "$work"
