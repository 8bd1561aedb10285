#!/usr/bin/env bash
# Dynamics and dashboard benchmark: N generated schools (default 40,000) over two periods in
# 10 municipalities through `vsoko dynamics` and `vsoko dashboard`, side by side with
# `vsoko batch` on the same files (the scoring floor). Prints median times of 5 runs, peak
# memory at N and 10·N schools (memory should follow schools, not rows × indicators) and the
# dashboard's size. Asserts nothing.
#   benches/dynamics.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40000}
work=target/bench-dynamics
mkdir -p "$work"
cargo build --release -p vsoko-cli --quiet
bin=target/release/vsoko
python3 benches/gen_dynamics.py "$n" "$work/n$n"
python3 benches/gen_dynamics.py $((n * 5)) "$work/n$((n * 5))"
files=("$work/n$n/2023.csv" "$work/n$n/2024.csv")

median_ms() {
  local times=()
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
peak_mb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1 / 1024}'; }

batch=$(median_ms sh -c "$bin batch ${files[0]} -o /dev/null && $bin batch ${files[1]} -o /dev/null")
dyn=$(median_ms "$bin" dynamics "${files[@]}" --format json)
dash=$(median_ms "$bin" dashboard "${files[@]}" -o "$work/dashboard.html")
echo "dynamics/schools: $n x 2 periods"
echo "dynamics/batch_both_periods_ms: $batch"
echo "dynamics/dynamics_json_ms: $dyn ($(awk -v a="$dyn" -v b="$batch" 'BEGIN{printf "%.2f", a/b}')x batch)"
echo "dynamics/dashboard_ms: $dash ($(awk -v a="$dash" -v b="$batch" 'BEGIN{printf "%.2f", a/b}')x batch)"
echo "dynamics/dashboard_bytes: $(stat -c %s "$work/dashboard.html")"
echo "dynamics/peak_mb_${n}: $(peak_mb "$bin" dashboard "${files[@]}" -o /dev/null)"
big=("$work/n$((n * 5))/2023.csv" "$work/n$((n * 5))/2024.csv")
echo "dynamics/peak_mb_$((n * 5)): $(peak_mb "$bin" dashboard "${big[@]}" -o /dev/null)"
