#!/usr/bin/env bash
# Warm-restart benchmark: the same synthetic log as run.sh (TASKS tasks, about 960 MB for 200,000),
# served by `bin/pipelens history-server` with cache.dir set. The first start replays the log and
# writes its snapshot; after it is written the server is stopped (SIGTERM) and started again on
# the same file and cache. Measured for both starts: from starting the process until
# /api/v1/applications/{id}/stages answers 200, the CPU-seconds and peak RSS; for the warm start
# also the snapshot read alone (pipelens_history_snapshot_read_duration_seconds), and that no
# replay ran. The two /stages answers are compared byte for byte.
#
#   bench/history-server/warm.sh [TASKS]          (default 200000)
#
# JAVA_OPTS passes JVM options (default -Xmx2g). Scratch directory: bench/history-server/work-warm/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=lib.sh
source "$root/bench/history-server/lib.sh"
tasks=${1:-200000}
work="$root/bench/history-server/work-warm"
rm -rf "$work" && mkdir -p "$work/events"
app=local-1642039451826
log="$work/events/$app"
generate_log "$root/history-server/src/test/resources/spark-events/$app" "$log" "$tasks"
mb=$(echo "$(stat -c %s "$log") / 1000000" | bc -l)
cat "$log" > /dev/null   # page cache warm for both starts
ensure_built

port=${BENCH_PORT:-19490}
cat > "$work/history.yaml" <<YAML
log_directories: [file://$work/events]
scan_interval: 10s
http: {host: 127.0.0.1, port: $port}
logging: {level: warn}
cache:
  dir: $work/cache
YAML
url="http://127.0.0.1:$port/api/v1/applications/$app/stages"

# start_once NAME: one start until /stages answers; leaves the server running in $pid.
start_once() {
  local t0 t1
  t0=$(now)
  JAVA_OPTS="${JAVA_OPTS:--Xmx2g}" launch history-server --config "$work/history.yaml" \
    > "$work/$1.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  await_200 "$pid" "$url" "$work/$1-stages.json"
  t1=$(now)
  elapsed=$(echo "$t1 - $t0" | bc -l)
}

stop_server() {
  kill -TERM "$pid"; wait "$pid" || true
  trap - EXIT
}

start_once cold
cold_s=$elapsed
# The snapshot is written in the background after the replay: wait for it before stopping.
while :; do
  m=$(curl -s "http://127.0.0.1:$port/metrics")
  [[ $(metric 'pipelens_history_snapshot_writes_total{result="written"}' "$m") == 1.000000 ]] && break
  [[ $(metric 'pipelens_history_snapshot_writes_total{result="failed"}' "$m") == 0.000000 ]] \
    || { echo "snapshot write failed; see $work/cold.log"; exit 1; }
  sleep 0.1
done
cold_replay_s=$(metric pipelens_history_replay_duration_seconds_sum "$m")
cold_cpu=$(cpu_seconds "$pid")
cold_rss=$(peak_rss_mib "$pid")
snapshot_bytes=$(metric pipelens_history_snapshot_disk_bytes "$m")
stop_server

start_once warm
warm_s=$elapsed
warm_cpu=$(cpu_seconds "$pid")
warm_rss=$(peak_rss_mib "$pid")
m=$(curl -s "http://127.0.0.1:$port/metrics")
hits=$(metric 'pipelens_history_snapshot_requests_total{result="hit"}' "$m")
replays=$(metric pipelens_history_replay_duration_seconds_count "$m")
read_s=$(metric pipelens_history_snapshot_read_duration_seconds_sum "$m")
stop_server

same=no
cmp -s "$work/cold-stages.json" "$work/warm-stages.json" && same=yes
printf '\n%.0f MB, %s tasks; snapshot %.1f MB (%.1f%% of the log)\n' "$mb" \
  "$(grep -c '"SparkListenerTaskEnd"' "$log")" "$(echo "$snapshot_bytes / 1000000" | bc -l)" \
  "$(echo "100 * $snapshot_bytes / 1000000 / $mb" | bc -l)"
printf '%-48s %8.2f s  (%s CPU-seconds, peak RSS %s MiB; replay alone %.2f s)\n' \
  "cold start until .../stages answers" "$cold_s" "$cold_cpu" "$cold_rss" "$cold_replay_s"
printf '%-48s %8.2f s  (%s CPU-seconds, peak RSS %s MiB; snapshot read %.2f s)\n' \
  "warm start (cache.dir) until .../stages answers" "$warm_s" "$warm_cpu" "$warm_rss" "$read_s"
printf 'warm start: snapshot hits %.0f, replays %.0f; /stages answers identical: %s\n' "$hits" "$replays" "$same"
printf 'ratio cold/warm %.1fx; uptime: %s\n' "$(echo "$cold_s / $warm_s" | bc -l)" "$(uptime)"
rm -rf "$work/events" "$work/cache"
