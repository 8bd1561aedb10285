#!/usr/bin/env bash
# Objectivity benchmark: N generated pupil rows (default 10,000,000) through `vsoko objectivity`,
# wall time and peak memory; the same through Python on one machine on M rows (default
# 1,000,000); then the N rows on a dask.distributed LocalCluster (2 workers), from Parquet files of
# whole schools and from the CSV with a shuffle by school (benches/objectivity_dask.py), checked
# against the CLI's result. Prints the figures; asserts only that Dask and the CLI agree.
#   benches/objectivity.sh [N] [M]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000000}
m=${2:-1000000}
work=target/bench-objectivity
mkdir -p "$work"
cargo build --release -p vsoko-cli --quiet
bin=target/release/vsoko
[ -s "$work/pupils_$n.csv" ] || python3 benches/gen_pupils.py "$n" > "$work/pupils_$n.csv"
[ -s "$work/pupils_$m.csv" ] || python3 benches/gen_pupils.py "$m" > "$work/pupils_$m.csv"

run() { # label command... -> "label: S s, P MB"
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  read -r secs kb < "$work/time"
  printf '%s: %s s, %.0f MB peak\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
}
run "objectivity/cli/$n rows (target <= 10 s, <= 1024 MB)" "$bin" objectivity "$work/pupils_$n.csv" --format json -o "$work/out.json"
run "objectivity/cli/$m rows" "$bin" objectivity "$work/pupils_$m.csv" --format json -o "$work/out_m.json"

py=target/py-venv/bin/python
if [ -x "$py" ] && "$py" -c "import vsoko, dask.distributed, pyarrow" 2>/dev/null; then
  run "objectivity/python-one-machine/$m rows (typed read_csv included)" "$py" -c "
import pandas as pd, vsoko
vsoko.objectivity(pd.read_csv('$work/pupils_$m.csv', dtype={'pupil': str, 'class': str}))"
  # Side by side on the same N rows: the CLI's JSON is the reference the Dask result is checked against.
  "$bin" objectivity "$work/pupils_$n.csv" --format json -o "$work/cli_$n.json"
  "$py" benches/objectivity_dask.py "$work/pupils_$n.csv" "$work/cli_$n.json" 2>/dev/null
else
  echo "objectivity/python: skipped (run scripts/test-python first to build target/py-venv with dask and pyarrow)"
fi
