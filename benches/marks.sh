#!/usr/bin/env bash
# Marks benchmark (issue: "10,000,000 mark rows (a region's year) through `vsoko marks` in ≤ 10 s
# and ≤ 1 GB on 2 cores, and faster than a vectorised pandas script on the same file"):
# ROWS generated mark rows (default 10,000,000; benches/gen_marks.py, cached in
# target/bench-marks/) through `vsoko marks --format csv` and `--format json`, and through
# benches/marks_pandas.py (the same class × subject × period, subject and teacher figures,
# vectorised, validating nothing), each under /usr/bin/time; one line side by side.
# Before timing, the pandas figures (groups, subjects, teachers) are checked against the CLI's on
# a 20,000-row file.
#   benches/marks.sh [ROWS]
# REPEAT=3 runs each three times, turn about, and prints the median times.
# Set VSOKO_BUILD=0 to use target/release/vsoko as it is (run cargo yourself, e.g. under a lock),
# PYTHON to choose the interpreter (default target/py-venv/bin/python, else python3).
# With target/release/examples/marks_stream built (cargo build --release -p vsoko-benches
# --example marks_stream), the sketch of a leaner layout is timed too.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
work=target/bench-marks
mkdir -p "$work"
[ "${VSOKO_BUILD:-1}" = 0 ] || cargo build --release -p vsoko-cli --quiet
bin=target/release/vsoko
py=${PYTHON:-target/py-venv/bin/python}
[ -x "$py" ] || py=python3
gen() { [ -s "$work/marks_$1.csv" ] || "$py" benches/gen_marks.py "$1" "$work/marks_$1.csv"; }
gen 20000
gen "$rows"

# The baseline computes what the CLI does: compare the groups on a small file first.
"$bin" marks "$work/marks_20000.csv" --format csv -o "$work/cli_20000.csv" 2>/dev/null
"$bin" marks "$work/marks_20000.csv" --format json -o "$work/cli_20000.json" 2>/dev/null
"$py" benches/marks_pandas.py --check "$work/marks_20000.csv" "$work/cli_20000.csv" "$work/cli_20000.json"

run() { # command... -> "SECONDS KB"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
    cat "$work/err"; exit 1; }
  cat "$work/time"
}
mb() { echo "$1 / 1024" | bc; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# REPEAT runs of each, turn about (the VM is noisy): the median time and the highest peak.
repeat=${REPEAT:-1}
: > "$work/runs"
one() {
  case $1 in
    csv) run "$bin" marks "$work/marks_$rows.csv" --format csv -o "$work/cli_$rows.csv" ;;
    json) run "$bin" marks "$work/marks_$rows.csv" --format json -o "$work/cli_$rows.json" ;;
    pandas) run "$py" benches/marks_pandas.py "$work/marks_$rows.csv" "$work/pandas_$rows.csv" ;;
  esac
}
# The first run after another program is often the slowest here: the order turns each time.
orders=("csv json pandas" "json pandas csv" "pandas csv json")
for i in $(seq 0 $((repeat - 1))); do
  for what in ${orders[$((i % 3))]}; do echo "$what $(one "$what")" >> "$work/runs"; done
done
secs() { awk -v k="$1" '$1 == k {print $2}' "$work/runs" | median; }
kb() { awk -v k="$1" '$1 == k {print $3}' "$work/runs" | sort -n | tail -1; }
vs=$(secs csv); vk=$(kb csv); js=$(secs json); jk=$(kb json); ps=$(secs pandas); pk=$(kb pandas)
ratio=$(echo "scale=2; $vs / $ps" | bc)
jratio=$(echo "scale=2; $js / $ps" | bc)
ok() { if [ "$1" = 1 ]; then echo met; else echo "NOT met"; fi; }
printf 'rows %s x%s | vsoko csv %s s %s MB | vsoko json %s s %s MB | pandas %s s %s MB | vsoko/pandas %s (json %s)\n' \
  "$rows" "$repeat" "$vs" "$(mb "$vk")" "$js" "$(mb "$jk")" "$ps" "$(mb "$pk")" "$ratio" "$jratio"
printf 'targets (csv): <= 10 s %s, <= 1024 MB %s, < pandas %s\n' \
  "$(ok "$(echo "$vs <= 10" | bc)")" "$(ok "$(echo "$vk <= 1048576" | bc)")" "$(ok "$(echo "$vs < $ps" | bc)")"
# The data layout the profile suggests, sketched in benches/examples/marks_stream.rs (counts,
# duplicates, pupils' marks, subjects and teachers; no accounts or changes), when it is built.
sketch=target/release/examples/marks_stream
if [ -x "$sketch" ]; then
  read -r ss sk < <(run "$sketch" "$work/marks_$rows.csv" --layout)
  printf 'sketch (rows streamed, ids for texts, one thread): %s s %s MB\n' "$ss" "$(mb "$sk")"
fi
