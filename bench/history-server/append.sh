#!/usr/bin/env bash
# In-progress append benchmark: the synthetic log of run.sh (TASKS tasks, about 960 MB for
# 200,000) without its application end, as `<appId>.inprogress`. Each server in turn (pipelens,
# then Spark's own History Server 4.1.2) starts on it and answers /stages once (the full replay);
# then MB megabytes (default 10) of new events are appended in one write: a new job with a new
# stage (ids 1000) and as many new tasks (fresh task ids) as fit. Measured: from the end of that
# write until /api/v1/applications/{id}/stages/1000 shows every new task completed. Both poll
# the log each second (pipelens scan_interval 1s, Spark spark.history.fs.update.interval=1s). The
# log is cut back to its original size before the second server starts.
#
#   bench/history-server/append.sh [TASKS] [MB]          (defaults 200000 and 10)
#
# JAVA_OPTS for pipelens (default -Xmx2g), SPARK_HS_OPTS for Spark (default -Xmx8g); SPARK_HS=0
# skips Spark. Scratch directory: bench/history-server/work-append/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=lib.sh
source "$root/bench/history-server/lib.sh"
tasks=${1:-200000}
append_mb=${2:-10}
work="$root/bench/history-server/work-append"
rm -rf "$work" && mkdir -p "$work/events"
app=local-1642039451826
base="$root/history-server/src/test/resources/spark-events/$app"
log="$work/events/$app.inprogress"
generate_log "$base" "$log" "$tasks"
# Still running: no application end.
last=$(tail -n 1 "$log")
[[ $last == *SparkListenerApplicationEnd* ]] || { echo "unexpected last line"; exit 1; }
truncate -s $(( $(stat -c %s "$log") - ${#last} - 1 )) "$log"
size=$(stat -c %s "$log")

# The appended events: job 0 and its stage 0 of the base log as a template, renumbered.
new_tasks=$(python3 - "$base" "$work/append.json" "$append_mb" <<'PY'
import json, sys
base, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
events = [json.loads(l) for l in open(base, encoding="utf-8")]
def first(name, pred=lambda e: True):
    return next(e for e in events if e["Event"] == name and pred(e))
job_start = first("SparkListenerJobStart", lambda e: e["Job ID"] == 0)
submitted = first("SparkListenerStageSubmitted", lambda e: e["Stage Info"]["Stage ID"] == 0)
completed = first("SparkListenerStageCompleted", lambda e: e["Stage Info"]["Stage ID"] == 0)
job_end = first("SparkListenerJobEnd", lambda e: e["Job ID"] == 0)
starts = [e for e in events if e["Event"] == "SparkListenerTaskStart" and e["Stage ID"] == 0]
ends = [e for e in events if e["Event"] == "SparkListenerTaskEnd" and e["Stage ID"] == 0]
dump = lambda e: json.dumps(e, separators=(",", ":"), ensure_ascii=False) + "\n"
STAGE, JOB, FIRST_TASK = 1000, 1000, 10**9
pairs = []
size = 0
i = 0
while size < mb * 1_000_000:
    for template in (starts[i % len(starts)], ends[i % len(ends)]):
        e = json.loads(json.dumps(template))
        e["Stage ID"] = STAGE
        e["Task Info"]["Task ID"] = FIRST_TASK + i
        e["Task Info"]["Index"] = i
        e["Task Info"]["Partition ID"] = i
        line = dump(e)
        size += len(line.encode())
        pairs.append(line)
    i += 1
n = i
def stage_info(info):
    info["Stage ID"] = STAGE
    info["Number of Tasks"] = n
    return info
job_start["Job ID"] = JOB
job_start["Stage IDs"] = [STAGE]
job_start["Stage Infos"] = [stage_info(job_start["Stage Infos"][0])]
job_start["Properties"].pop("spark.sql.execution.id", None)
submitted["Stage Info"] = stage_info(submitted["Stage Info"])
submitted.get("Properties", {}).pop("spark.sql.execution.id", None)
completed["Stage Info"] = stage_info(completed["Stage Info"])
job_end["Job ID"] = JOB
with open(out, "w", encoding="utf-8") as f:
    f.write(dump(job_start) + dump(submitted))
    f.writelines(pairs)
    f.write(dump(completed) + dump(job_end))
print(n)
PY
)
append_bytes=$(stat -c %s "$work/append.json")
mb=$(echo "$size / 1000000" | bc -l)
ensure_built

# complete PID URL: waits until stage 1000 shows all new tasks completed; prints seconds since t0.
await_new_tasks() {
  local pid=$1 url=$2 code
  while :; do
    kill -0 "$pid" 2>/dev/null || { echo "server $pid died" >&2; return 1; }
    code=$(curl -s -o "$work/new-stage.json" -w '%{http_code}' "$url" || true)
    if [[ $code == 200 ]] && python3 -c '
import json, sys
attempts = json.load(open(sys.argv[1]))
sys.exit(0 if attempts and attempts[0]["numCompleteTasks"] == int(sys.argv[2]) else 1)' \
      "$work/new-stage.json" "$new_tasks"; then
      return 0
    fi
    sleep 0.1
  done
}

# appended_after_load NAME PID PORT: waits for the first answer, appends, measures.
measure() {
  local name=$1 pid=$2 port=$3 t0 t1
  await_200 "$pid" "http://127.0.0.1:$port/api/v1/applications/$app/stages" "$work/$name-stages.json" 0.1
  sleep 2   # let the post-load scan settle
  before=$(curl -s "http://127.0.0.1:$port/metrics" || true)
  cat "$work/append.json" >> "$log"
  t0=$(now)
  await_new_tasks "$pid" "http://127.0.0.1:$port/api/v1/applications/$app/stages/1000"
  t1=$(now)
  elapsed=$(echo "$t1 - $t0" | bc -l)
  rss=$(peak_rss_mib "$pid")
  after=$(curl -s "http://127.0.0.1:$port/metrics" || true)
}

port=${BENCH_PORT:-19491}
cat > "$work/history.yaml" <<YAML
log_directories: [file://$work/events]
scan_interval: 1s
http: {host: 127.0.0.1, port: $port}
logging: {level: warn}
YAML
JAVA_OPTS="${JAVA_OPTS:--Xmx2g}" launch history-server --config "$work/history.yaml" \
  > "$work/history.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
measure pipelens "$pid" "$port"
p_s=$elapsed
p_rss=$rss
read_bytes=$(echo "$(metric pipelens_history_replay_bytes_total "$after") - $(metric pipelens_history_replay_bytes_total "$before")" | bc -l)
resume_s=$(echo "$(metric pipelens_history_replay_duration_seconds_sum "$after") - $(metric pipelens_history_replay_duration_seconds_sum "$before")" | bc -l)
kill -TERM "$pid"; wait "$pid" || true
trap - EXIT
p_uptime=$(uptime)

printf '\n%.0f MB in-progress log, %s tasks; appended %.1f MB: 1 job, 1 stage, %s tasks\n' "$mb" "$tasks" \
  "$(echo "$append_bytes / 1000000" | bc -l)" "$new_tasks"
printf '%-52s %8.2f s  (the update read %.1f MB in %.2f s; peak RSS %s MiB)\n' \
  "pipelens: append until stage 1000 shows every task" "$p_s" "$(echo "$read_bytes / 1000000" | bc -l)" "$resume_s" "$p_rss"
printf '  uptime: %s\n' "$p_uptime"

if [[ ${SPARK_HS:-1} != 0 ]]; then
  truncate -s "$size" "$log"
  spark_port=$((port + 1))
  start_spark_history "$work/events" "$spark_port" "$work/spark-history.log"
  trap 'kill $spid 2>/dev/null || true' EXIT
  measure spark "$spid" "$spark_port"
  s_s=$elapsed
  s_rss=$rss
  kill -TERM "$spid"; wait "$spid" || true
  trap - EXIT
  printf '%-52s %8.2f s  (peak RSS %s MiB)\n' "Spark History Server: the same" "$s_s" "$s_rss"
  printf '  uptime: %s\n' "$(uptime)"
  printf 'pipelens vs Spark: %.1fx sooner\n' "$(echo "$s_s / $p_s" | bc -l)"
fi
rm -rf "$work/events"
