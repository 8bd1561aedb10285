#!/usr/bin/env bash
# Objectivity benchmark: N generated pupil rows (default 10,000,000) through `vsoko objectivity`,
# wall time and peak memory; then the same analysis through Python on one machine and on a
# dask.distributed LocalCluster (2 workers) on M rows (default 1,000,000), side by side with the
# CLI on those M rows. Prints the figures; asserts nothing.
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
if [ -x "$py" ] && "$py" -c "import vsoko, dask.distributed" 2>/dev/null; then
  run "objectivity/python-one-machine/$m rows" "$py" -c "
import pandas as pd, vsoko
vsoko.objectivity(pd.read_csv('$work/pupils_$m.csv', dtype=str, keep_default_na=False))"
  run "objectivity/dask-localcluster-2-workers/$m rows (target <= 2x the CLI)" "$py" -c "
import dask.dataframe as dd, vsoko
from dask.distributed import Client, LocalCluster
if __name__ == '__main__':
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c, Client(c):
        ddf = dd.read_csv('$work/pupils_$m.csv', dtype=str, keep_default_na=False, blocksize='16MB').set_index('school')
        parts = ddf.map_partitions(vsoko.objectivity_summaries, meta=vsoko.summary_meta()).compute()
    vsoko.objectivity_combine(parts)"
else
  echo "objectivity/python: skipped (run scripts/test-python first to build target/py-venv with dask)"
fi
