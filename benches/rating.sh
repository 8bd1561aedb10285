#!/usr/bin/env bash
# Ratings benchmark: N generated schools (default 40,000, index-2023) with a municipality, a
# region and two context columns (location, social_index) through `vsoko rating --relative
# --context location,social_index --bands 4`, side by side with `vsoko batch` on the same file
# (reading and scoring alone) and the rating without context. Prints median times of 5 runs
# against the issue's 1 s. Asserts nothing.
#   benches/rating.sh [N]        (VSOKO_BUILD=0: use target/release/vsoko as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40000}
work=target/bench-rating
mkdir -p "$work"
[ "${VSOKO_BUILD:-1}" = 0 ] || cargo build --release -p vsoko-cli --locked --quiet
bin=target/release/vsoko
csv=$work/schools_$n.csv
python3 - "$n" "$csv" <<'PY'
import random, subprocess, sys
n, path = int(sys.argv[1]), sys.argv[2]
base = subprocess.run([sys.executable, "benches/gen_schools.py", str(n)], capture_output=True, text=True, check=True).stdout.splitlines()
rnd = random.Random(26)
with open(path, "w", encoding="utf-8") as out:
    out.write("school,municipality,region,location,social_index," + base[0].split(",", 1)[1] + "\n")
    for i, line in enumerate(base[1:]):
        school, values = line.split(",", 1)
        m = f"Муниципалитет {i % 60 + 1}"
        region = f"Регион {i % 3 + 1}"
        location = "село" if rnd.random() < 0.4 else "город"
        social = f"{rnd.random():.3f}"
        out.write(f"{school},{m},{region},{location},{social},{values}\n")
PY

median_ms() {
  local times=()
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

batch_csv=$work/batch_$n.csv
cut -d, -f1,6- "$csv" >"$batch_csv"
batch=$(median_ms "$bin" batch "$batch_csv" -o /dev/null)
plain=$(median_ms "$bin" rating "$csv" --relative)
context=$(median_ms "$bin" rating "$csv" --relative --context location,social_index --bands 4 --format json)
resilient=$("$bin" rating "$csv" --relative --context location,social_index --bands 4 --format json 2>/dev/null \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["units"]), len(d["municipalities"]), len(d["resilient"]))')
echo "== vsoko rating bench: $n schools (index-2023, 72 values), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "| measure | median of 5 | target |"
echo "|---|---|---|"
echo "| vsoko batch (read and score only) | ${batch} ms | — |"
echo "| vsoko rating --relative | ${plain} ms | — |"
echo "| vsoko rating --relative --context location,social_index --bands 4 --format json | ${context} ms | < 1000 ms |"
echo "units, municipalities, resilient: $resilient"
