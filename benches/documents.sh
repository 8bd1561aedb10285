#!/usr/bin/env bash
# Documents benchmark (`vsoko doc`), the issue's figures side by side in one run:
#   - one справка with its chart (score-report, DOCX) — median of 11 runs of the command, against
#     100 ms, beside `vsoko score --format json` of the same school (the process and scoring
#     alone) to show what the document adds;
#   - `--per-school` for N schools (default 1,000) — wall time against 60 s, and the peak memory
#     (max RSS) beside the same run for N/10 schools: flat memory means the two are close;
#   - the size of a DOCX without charts (the order of the cycle fixture, the plan of 55 items)
#     against 100 KB, and of the справка with its chart.
# Asserts nothing.   benches/documents.sh [N]   (VSOKO_BUILD=0: use target/release/vsoko as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
work=target/bench-documents
mkdir -p "$work"
[ "${VSOKO_BUILD:-1}" = 0 ] || cargo build --release -p vsoko-cli --locked --quiet
bin=target/release/vsoko
school=fixtures/schools/index-2023/school_42.json
[ -s "$work/schools_$n.csv" ] || python3 benches/gen_schools.py "$n" > "$work/schools_$n.csv"
tenth=$((n / 10))
[ -s "$work/schools_$tenth.csv" ] || python3 benches/gen_schools.py "$tenth" > "$work/schools_$tenth.csv"

median_ms() { # command... → the median wall time of 11 runs, in ms
  local times=()
  for _ in $(seq 11); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" > /dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 6p | awk '{printf "%.1f", $1 / 1000}'
}

one=$(median_ms "$bin" doc score-report "$school" -o "$work/one.docx")
score=$(median_ms "$bin" score "$school" --format json)

run_per_school() { # csv dir → "seconds max_rss_kb"
  rm -rf "$2"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" doc score-report "$1" --per-school "$2" 2> /dev/null
  cat "$work/time.txt"
}
read -r big_s big_kb < <(run_per_school "$work/schools_$n.csv" "$work/per_$n")
read -r small_s small_kb < <(run_per_school "$work/schools_$tenth.csv" "$work/per_$tenth")
made=$(find "$work/per_$n" -name '*.docx' | wc -l)

"$bin" doc order fixtures/plan/cycle/actions.json -o "$work/order.docx"
"$bin" doc plan fixtures/plan/monthly_plan_2023_24.csv --year 2023/24 -o "$work/plan.docx"
size() { stat -c %s "$1"; }

awk -v one="$one" -v score="$score" -v n="$n" -v made="$made" -v bs="$big_s" -v bk="$big_kb" \
    -v tenth="$tenth" -v ss="$small_s" -v sk="$small_kb" \
    -v order="$(size "$work/order.docx")" -v plan="$(size "$work/plan.docx")" -v chart="$(size "$work/one.docx")" 'BEGIN {
  printf "one справка with a chart (score-report → DOCX): %s ms median of 11 (%.2f× of 100 ms); vsoko score --format json of the same school: %s ms (%.2f×)\n", one, one / 100, score, one / score
  printf "--per-school, %d schools: %s s (%.3f× of 60 s), %d documents, max RSS %.1f MB | %d schools: %s s, max RSS %.1f MB (memory ×%.2f for ×10 schools)\n", n, bs, bs / 60, made, bk / 1024, tenth, ss, sk / 1024, bk / sk
  printf "DOCX without charts: order %.1f KB, plan of 55 items %.1f KB (%.2f× of 100 KB); справка with its chart %.1f KB\n", order / 1024, plan / 1024, plan / 102400, chart / 1024
}'
