#!/usr/bin/env bash
# End-to-end batch benchmark: 40,000 generated schools from CSV to CSV through the CLI,
# against the pandas baseline on the same file, plus peak memory at 40k and 400k rows.
# Prints the figures; asserts nothing (numbers are measured, not tested).
#   benches/batch.sh [N]        (default N = 40000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40000}
work=target/bench-batch
mkdir -p "$work"

cargo build --release -p vsoko-cli --quiet
bin=target/release/vsoko

venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -c "import pandas" 2>/dev/null || "$venv/bin/pip" install --quiet pandas

python3 benches/gen_schools.py "$n" > "$work/schools_$n.csv"
python3 benches/gen_schools.py $((n * 10)) > "$work/schools_$((n * 10)).csv"

median_ms() { # command... -> median wall time of 7 runs in ms
  local times=()
  for _ in 1 2 3 4 5 6 7; do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 4p
}
peak_mb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1/1024}'; }

cli_ms=$(median_ms "$bin" batch "$work/schools_$n.csv" -o "$work/out.csv")
pandas_ms=$(median_ms "$venv/bin/python" benches/pandas_baseline.py "$work/schools_$n.csv" "$work/out_pandas.csv")
mem_n=$(peak_mb "$bin" batch "$work/schools_$n.csv" -o "$work/out.csv")
mem_10n=$(peak_mb "$bin" batch "$work/schools_$((n * 10)).csv" -o "$work/out10.csv")

echo "batch/csv_to_csv/$n schools: vsoko ${cli_ms} ms (target < 500 ms), pandas baseline ${pandas_ms} ms"
echo "batch/peak_memory: ${mem_n} MB at $n rows, ${mem_10n} MB at $((n * 10)) rows (target < 100 MB, flat)"
