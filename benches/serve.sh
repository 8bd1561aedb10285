#!/usr/bin/env bash
# `vsoko serve` benchmark (issue: "POST /v1/score at >= 20,000 requests/s on 2 cores, p99 <= 5 ms
# at a steady 1,000 requests/s, >= 1,000 submissions/s stored in SQLite, the dashboard over
# 40,000 schools x 2 periods in <= 2 s, memory flat over a run"), one run, side by side:
#   1. POST /v1/score (fixtures/schools/index-2023/all_max.json: index-2023, 72 values) as fast
#      as wrk sends it (WRK_THREADS x WRK_CONNS connections for WRK_SECS s; default 1 x 64, 10 s).
#      wrk runs on the same 2 cores as the server: it takes part of the CPU it measures.
#   2. The same POST at a steady 1,000/s for SERVE_SOAK s (default 60; 600 for the issue's ten
#      minutes) from benches/load.py (constant rate, latency from the scheduled send time, so
#      stalls count), while the server's VmRSS is sampled every 5 s: p50 / p99 / max and the RSS
#      at the start, middle and end, and its max.
#   3. `vsoko score FILE --format json` spawned SPAWN_N times (default 300) one after another, as a
#      PHP or 1С system does per school today: requests/s, and the service's rate over it.
#   4. POST /v1/submissions as fast as wrk sends it (1 thread x SUB_CONNS, default 16, WRK_SECS s),
#      a new school per request ("Бенч T-N": every request a new row, version 1); the rows are
#      then counted through GET /v1/submissions.
#   5. A fresh database filled with FILL_N (default 80,000) submissions through the service
#      (wrk, a Lua counter: "Школа N", N = 1..FILL_N/2, periods 2023/24 and 2024/25, 40
#      municipalities, each indicator at its all_max.json value or 0, a share varying by school,
#      so totals and levels spread), counted, then GET /v1/dashboard (3 runs, median) and
#      GET /v1/dynamics timed with curl.
# A table at the end: measure | result | target | met?
#   benches/serve.sh
# Run it under the build lock so nothing compiles meanwhile:
#   flock /tmp/vsoko-build.lock benches/serve.sh
# Set VSOKO_BUILD=0 to use target/release/vsoko as it is (run cargo yourself, e.g. under a lock).
# The server's per-request log line (stderr) goes to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${VSOKO_BUILD:-1}" = 0 ] || cargo build --release -p vsoko-cli --locked --quiet
command -v wrk >/dev/null || {
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
}
bin=$PWD/target/release/vsoko
work=target/bench-serve
mkdir -p "$work"
doc=fixtures/schools/index-2023/all_max.json
threads=${WRK_THREADS:-1}; conns=${WRK_CONNS:-64}; secs=${WRK_SECS:-10}
sub_conns=${SUB_CONNS:-16}
soak=${SERVE_SOAK:-60}
spawn_n=${SPAWN_N:-300}
fill_n=${FILL_N:-80000}
began=$(date +%s.%N)

spid=
stop_server() {
  if [ -n "$spid" ]; then kill "$spid" 2>/dev/null || true; wait "$spid" 2>/dev/null || true; spid=; fi
}
trap stop_server EXIT
port=
start_server() { # NAME: a fresh SQLite database target/bench-serve/NAME.db
  rm -f "$work/$1.db" "$work/$1.db-wal" "$work/$1.db-shm"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$bin" serve --listen "127.0.0.1:$port" --db "sqlite://$work/$1.db" >"$work/serve.out" 2>/dev/null &
  spid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "serve.sh: the server did not start" >&2; cat "$work/serve.out" >&2; exit 1
}
url() { echo "http://127.0.0.1:$port$1"; }
rows() { # stored latest submissions of index-2023
  curl -sf "$(url '/v1/submissions?methodology=index-2023')" |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$spid/status"; }
wrk_rate() { awk '/^Requests\/sec/ {print $2}' "$1"; }
wrk_bad() { awk '/Non-2xx/ {n = $NF} /Socket errors/ {e = $0} END {print n + 0 (e ? " (" e ")" : "")}' "$1"; }
mb() { echo "scale=1; $1 / 1024" | bc; }
ok() { if [ "$1" = 1 ]; then echo met; else echo "**NOT met**"; fi; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# wrk's scripts. The score body is the fixture itself, sent as is.
{
  echo 'wrk.method = "POST"'
  echo 'wrk.headers["Content-Type"] = "application/json"'
  printf 'wrk.body = [==[%s]==]\n' "$(cat "$doc")"
} >"$work/score.lua"
cat >"$work/submit.lua" <<'LUA'
-- A new school per request: "Бенч T-N" (thread T, its N-th request), the fixture's values.
local counter = 0
function setup(thread) counter = counter + 1; thread:set("tid", counter) end
local values, n = nil, 0
function init(args)
  local f = assert(io.open("fixtures/schools/index-2023/all_max.json")); local t = f:read("*a"); f:close()
  values = assert(t:match('"values"%s*:%s*(%b{})'))
end
function request()
  n = n + 1
  local body = '{"school":"Бенч ' .. tid .. '-' .. n .. '","municipality":"Муниципалитет ' .. (n % 40 + 1) ..
    '","period":"2024/25","methodology":"index-2023","values":' .. values .. '}'
  return wrk.format("POST", "/v1/submissions", {["Content-Type"] = "application/json"}, body)
end
LUA
cat >"$work/fill.lua" <<'LUA'
-- One thread: submissions 0 .. FILL_N-1, "Школа N" (N = k/2 + 1) in 2023/24 and 2024/25; each
-- indicator at its all_max.json value or 0, at a share that varies by school. When every one
-- has answered 201 the file FILL_DONE appears (the shell then stops wrk; so it does at the first
-- other answer); meanwhile the connections ask /healthz.
local total = tonumber(os.getenv("FILL_N"))
local marker = os.getenv("FILL_DONE")
local ids, maxes = {}, {}
function init(args)
  local f = assert(io.open("fixtures/schools/index-2023/all_max.json")); local t = f:read("*a"); f:close()
  local v = assert(t:match('"values"%s*:%s*(%b{})'))
  for id, m in v:gmatch('"([%d%.]+)"%s*:%s*(%d+)') do ids[#ids + 1] = id; maxes[#maxes + 1] = m end
  math.randomseed(42)
end
local k, done, verified = 0, 0, false
function request()
  -- wrk calls request() once before the thread starts, to check the script: that one is
  -- never sent, so it must not use up a submission.
  if not verified then verified = true; return wrk.format("GET", "/healthz") end
  if k >= total then return wrk.format("GET", "/healthz") end
  local school = math.floor(k / 2) + 1
  local period = (k % 2 == 0) and "2023/24" or "2024/25"
  k = k + 1
  local share = ((school * 7) % 11) / 10
  local parts = {}
  for i = 1, #ids do
    parts[i] = '"' .. ids[i] .. '":' .. ((math.random() < share) and maxes[i] or "0")
  end
  local body = '{"school":"Школа ' .. school .. '","municipality":"Муниципалитет ' .. (school % 40 + 1) ..
    '","period":"' .. period .. '","methodology":"index-2023","values":{' .. table.concat(parts, ",") .. '}}'
  return wrk.format("POST", "/v1/submissions", {["Content-Type"] = "application/json"}, body)
end
local function finish(what) local f = io.open(marker, "w"); f:write(what, "\n"); f:close() end
function response(status, headers, body)
  if status == 201 then
    done = done + 1
    if done == total then finish("done") end
  elseif status ~= 200 then
    finish("stopped: answered " .. status)
  end
end
LUA

echo "== vsoko serve bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
start_server bench
# The fixture's report, once: the service answers what `vsoko score` prints.
curl -sf -H 'Content-Type: application/json' --data-binary "@$doc" "$(url /v1/score)" >"$work/report.json"
"$bin" score "$doc" --format json >"$work/report_cli.json"
same=$(python3 -c 'import json, sys; a, b = (json.load(open(p)) for p in sys.argv[1:]); print("the same report" if a == b else "DIFFERENT reports")' \
  "$work/report.json" "$work/report_cli.json")
echo "POST /v1/score and vsoko score --format json: $same ($(wc -c <"$work/report.json") bytes)"

# 1. Throughput of POST /v1/score.
wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$work/score.lua" "$(url /v1/score)" >"$work/wrk_score.txt"
score_rps=$(wrk_rate "$work/wrk_score.txt"); score_bad=$(wrk_bad "$work/wrk_score.txt")
score_p99=$(awk '$1 == "99%" {print $2}' "$work/wrk_score.txt")
echo "1. POST /v1/score, wrk -t$threads -c$conns ${secs}s: $score_rps req/s (p99 under full load $score_p99, non-2xx $score_bad)"

# 2. 1,000/s steady, with the server's RSS sampled.
: >"$work/rss"
python3 benches/load.py --port "$port" --path /v1/score --body "$doc" --rate 1000 \
  --duration "$soak" --connections 32 >"$work/load.txt" &
lpid=$!
while kill -0 "$lpid" 2>/dev/null; do rss_kb >>"$work/rss"; sleep 5; done
wait "$lpid"
rss_kb >>"$work/rss"
load=$(cat "$work/load.txt")
kv() { tr ' ' '\n' <<<"$load" | awk -F= -v k="$1" '$1 == k {print $2}'; }
p50=$(kv p50_ms); p99=$(kv p99_ms); pmax=$(kv max_ms); rate=$(kv rate); lerr=$(kv errors)
sp99=$(kv send_p99_ms)
rss_start=$(head -1 "$work/rss"); rss_end=$(tail -1 "$work/rss")
rss_mid=$(awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}' "$work/rss")
rss_max=$(sort -n "$work/rss" | tail -1)
echo "2. POST /v1/score at 1,000/s for ${soak}s (load.py, 32 connections): $load"
echo "   VmRSS every 5 s (KB): $(tr '\n' ' ' <"$work/rss")"

# 3. One process per request.
t0=$(date +%s.%N)
for _ in $(seq "$spawn_n"); do "$bin" score "$doc" --format json >/dev/null; done
t1=$(date +%s.%N)
spawn_rps=$(echo "scale=1; $spawn_n / ($t1 - $t0)" | bc)
ratio=$(echo "scale=0; $score_rps / $spawn_rps" | bc)
echo "3. vsoko score FILE --format json x $spawn_n, one after another: $spawn_rps /s; the service ${ratio}x that"

# 4. Submissions at full speed.
wrk -t1 -c"$sub_conns" -d"${secs}s" --latency -s "$work/submit.lua" "$(url /v1/submissions)" >"$work/wrk_submit.txt"
sub_rps=$(wrk_rate "$work/wrk_submit.txt"); sub_bad=$(wrk_bad "$work/wrk_submit.txt")
sub_sent=$(awk '/requests in/ {print $1}' "$work/wrk_submit.txt")
sleep 0.5
sub_rows=$(rows)
echo "4. POST /v1/submissions, wrk -t1 -c$sub_conns ${secs}s: $sub_rps /s (non-2xx $sub_bad), $sub_sent answered, $sub_rows rows stored"
stop_server

# 5. The dashboard over FILL_N stored submissions.
start_server dashboard
rm -f "$work/fill.done"
t0=$(date +%s.%N)
FILL_N=$fill_n FILL_DONE=$work/fill.done wrk -t1 -c32 -d600s -s "$work/fill.lua" "$(url /v1/submissions)" >"$work/wrk_fill.txt" &
wpid=$!
while [ ! -e "$work/fill.done" ] && kill -0 "$wpid" 2>/dev/null; do sleep 0.1; done
t1=$(date +%s.%N)
kill -INT "$wpid" 2>/dev/null || true; wait "$wpid" || true
fill_s=$(echo "scale=1; ($t1 - $t0) / 1" | bc)
fill_rps=$(echo "scale=0; $fill_n / ($t1 - $t0)" | bc)
fill_rows=$(rows)
[ "$(cat "$work/fill.done" 2>/dev/null)" = done ] || echo "   the fill did not finish: $(cat "$work/fill.done" 2>/dev/null || echo "wrk stopped")"
echo "5. filled $fill_rows rows ($fill_n sent) in $fill_s s: $fill_rps submissions/s; database $(du -m "$work/dashboard.db" | cut -f1) MB"
: >"$work/dash_times"
for _ in 1 2 3; do
  read -r code t < <(curl -s -o "$work/dashboard.html" -w '%{http_code} %{time_total}\n' "$(url '/v1/dashboard?methodology=index-2023')")
  [ "$code" = 200 ] || { echo "dashboard answered $code" >&2; exit 1; }
  echo "$t" >>"$work/dash_times"
done
dash=$(median <"$work/dash_times")
read -r code dyn < <(curl -s -o "$work/dynamics.json" -w '%{http_code} %{time_total}\n' "$(url '/v1/dynamics?methodology=index-2023')")
[ "$code" = 200 ] || { echo "dynamics answered $code" >&2; exit 1; }
# For comparison: the same latest rows without their values, read through the service's store
# and written as JSON (what the dashboard reads before it scores anything).
read -r code list < <(curl -s -o "$work/list.json" -w '%{http_code} %{time_total}\n' "$(url '/v1/submissions?methodology=index-2023')")
echo "   GET /v1/dashboard: $(tr '\n' ' ' <"$work/dash_times")s ($(wc -c <"$work/dashboard.html") bytes); GET /v1/dynamics: $dyn s ($(wc -c <"$work/dynamics.json") bytes)"
stop_server
ended=$(date +%s.%N)

ms() { echo "scale=0; $1 * 1000 / 1" | bc; }
flat=$(echo "$rss_end - $rss_start <= ($rss_start / 10) + 2048" | bc)
echo
echo "| measure | result | target | met? |"
echo "|---|---|---|---|"
echo "| POST /v1/score (index-2023, 72 values), wrk -t$threads -c$conns ${secs}s, wrk on the same 2 cores | $score_rps req/s (non-2xx $score_bad) | ≥ 20,000 req/s | $(ok "$(echo "$score_rps >= 20000" | bc)") |"
echo "| POST /v1/score at a steady 1,000/s, ${soak}s, load.py (from the scheduled time) | p99 $p99 ms (p50 $p50, max $pmax; from the send p99 $sp99), achieved $rate/s, $lerr errors | p99 ≤ 5 ms | $(ok "$(echo "$p99 <= 5" | bc)") |"
echo "| vsoko score FILE --format json spawned per request ($spawn_n, one after another) | $spawn_rps req/s; service ÷ spawning = ${ratio}× | — | — |"
echo "| POST /v1/submissions, wrk -t1 -c$sub_conns ${secs}s, a new school each | $sub_rps /s (non-2xx $sub_bad); $sub_rows rows stored of $sub_sent answered | ≥ 1,000/s | $(ok "$(echo "$sub_rps >= 1000 && $sub_rows >= $sub_sent" | bc)") |"
echo "| filling a fresh database: $fill_n submissions (wrk -t1 -c32) | $fill_s s = $fill_rps /s; $fill_rows rows | — | — |"
echo "| GET /v1/dashboard, $((fill_n / 2)) schools × 2 periods (3 runs, median) | $(ms "$dash") ms (runs $(sort -n "$work/dash_times" | tr '\n' ' ' | sed 's/ $//') s) | ≤ 2 s | $(ok "$(echo "$dash <= 2" | bc)") |"
echo "| GET /v1/dynamics, the same | $(ms "$dyn") ms ($(($(wc -c <"$work/dynamics.json") / 1024)) KB) | — | — |"
echo "| GET /v1/submissions, the same rows without values (for comparison) | $(ms "$list") ms | — | — |"
echo "| server VmRSS at 1,000/s over ${soak}s: start / middle / end (max) | $(mb "$rss_start") / $(mb "$rss_mid") / $(mb "$rss_end") MB (max $(mb "$rss_max")) | flat | $(ok "$flat") |"
echo "bench time: $(echo "scale=0; ($ended - $began) / 1" | bc) s"
