#!/usr/bin/env bash
# Tasks benchmark (issue: "1,000,000 ВПР pupil rows with 20 task columns through `vsoko tasks`
# in ≤ 5 s"): ROWS generated pupil rows (default 1,000,000; benches/gen_tasks.py, cached in
# target/bench-tasks/) through `vsoko tasks --format csv` and `--format json`, and through
# benches/tasks_pandas.py (the same per-task completion of every school and class beside the
# region's, vectorised, validating nothing) as a reference point, each under /usr/bin/time; one
# line side by side. Before timing, the pandas rows are checked against the CLI's CSV (every
# cell, order included) on a 20,000-row file.
#   benches/tasks.sh [ROWS]
# REPEAT=3 runs each three times, turn about, and prints the median times.
# Set VSOKO_BUILD=0 to use target/release/vsoko as it is (run cargo yourself, e.g. under a lock),
# PYTHON to choose the interpreter (default target/py-venv/bin/python, else python3).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=target/bench-tasks
mkdir -p "$work"
[ "${VSOKO_BUILD:-1}" = 0 ] || cargo build --release -p vsoko-cli --quiet
bin=target/release/vsoko
py=${PYTHON:-target/py-venv/bin/python}
[ -x "$py" ] || py=python3
gen() { [ -s "$work/tasks_$1.csv" ] || "$py" benches/gen_tasks.py "$1" "$work/tasks_$1.csv"; }
gen 20000
gen "$rows"

# The reference computes what the CLI does: compare every row on a small file first.
"$bin" tasks "$work/tasks_20000.csv" --format csv -o "$work/cli_20000.csv"
"$py" benches/tasks_pandas.py "$work/tasks_20000.csv" "$work/pandas_20000.csv" --check "$work/cli_20000.csv"

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
    csv) run "$bin" tasks "$work/tasks_$rows.csv" --format csv -o "$work/cli_$rows.csv" ;;
    json) run "$bin" tasks "$work/tasks_$rows.csv" --format json -o "$work/cli_$rows.json" ;;
    pandas) run "$py" benches/tasks_pandas.py "$work/tasks_$rows.csv" "$work/pandas_$rows.csv" ;;
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
# The full-size outputs of the last runs: the same bytes?
same=$(cmp -s "$work/cli_$rows.csv" "$work/pandas_$rows.csv" && echo "the same bytes" || echo "DIFFERENT")
ok() { if [ "$1" = 1 ]; then echo met; else echo "NOT met"; fi; }
printf 'rows %s x%s | vsoko csv %s s %s MB | vsoko json %s s %s MB | pandas %s s %s MB | vsoko/pandas %s (json %s)\n' \
  "$rows" "$repeat" "$vs" "$(mb "$vk")" "$js" "$(mb "$jk")" "$ps" "$(mb "$pk")" \
  "$(echo "scale=2; $vs / $ps" | bc)" "$(echo "scale=2; $js / $ps" | bc)"
printf 'targets: csv <= 5 s %s, json <= 5 s %s | %s output rows, CLI and pandas CSV: %s\n' \
  "$(ok "$(echo "$vs <= 5" | bc)")" "$(ok "$(echo "$js <= 5" | bc)")" \
  "$(($(wc -l < "$work/cli_$rows.csv") - 1))" "$same"
