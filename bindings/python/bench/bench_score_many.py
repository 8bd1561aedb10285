#!/usr/bin/env python3
"""Times vsoko.score_many and vsoko.score_frame on N generated schools against a plain
vectorised pandas implementation of the same sums and bands (no validation), the two run turn
about. Prints medians,
and the peak memory score_frame adds to the process (the frame itself already built).
Above 100,000 schools score_many (a dict per school) is left out.

    python bindings/python/bench/bench_score_many.py [N]      (default 40000; needs pandas)
"""
from __future__ import annotations

import io
import math
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import vsoko

ROOT = Path(__file__).resolve().parents[3]
CRITERIA = {"1.1": 17, "1.2": 8, "1.3": 5, "2.1": 7, "2.2": 2, "2.3": 2, "3.1": 2, "3.2": 26, "3.3": 3}


def pandas_baseline(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"school": df["school"]})
    groups = {c: df[[f"{c}.{k}" for k in range(1, n + 1)]].sum(axis=1) for c, n in CRITERIA.items()}
    for d in "123":
        groups[d] = sum(v for k, v in groups.items() if k.startswith(d + "."))
    total = groups["1"] + groups["2"] + groups["3"]
    out["total"] = total
    out["level"] = np.select([total >= 110, total >= 70], ["high", "medium"], default="low")
    for g, v in groups.items():
        out[g] = v
    return out


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))


def extra_peak_mb(fn) -> float | None:
    """The peak memory `fn` adds over what the process holds when it starts (Linux with glibc:
    freed heap is handed back first, and the peak is reset through /proc/self/clear_refs); None
    where that cannot be done."""
    try:
        import ctypes
        import gc

        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        start = _status_kb("VmRSS")
        fn()
        return (_status_kb("VmHWM") - start) / 1024
    except (OSError, AttributeError):
        return None


def paired_medians(a, b, runs: int = 9) -> tuple[float, float]:
    """Medians of `a` and `b` run turn about (a, b, a, b, ...), so a change in the machine's
    load falls on both alike and their ratio holds."""
    ta, tb = [], []
    for _ in range(runs):
        for fn, times in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    return statistics.median(ta), statistics.median(tb)


def median_seconds(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40000
    csv = subprocess.run(
        [sys.executable, str(ROOT / "benches" / "gen_schools.py"), str(n)], check=True, capture_output=True, text=True
    ).stdout
    df = pd.read_csv(io.StringIO(csv), dtype={"school": str})
    ids = [c for c in df.columns if c != "school"]
    many = None
    if n <= 100_000:
        records = [
            {k: v for k, v in zip(ids, row) if not (isinstance(v, float) and math.isnan(v))}
            for row in df[ids].itertuples(index=False, name=None)
        ]
        many = median_seconds(lambda: vsoko.score_many(records))
        del records
    frame, base = paired_medians(lambda: vsoko.score_frame(df, id_column="school"), lambda: pandas_baseline(df))
    extra = extra_peak_mb(lambda: vsoko.score_frame(df, id_column="school"))
    result_mb = vsoko.score_frame(df, id_column="school").memory_usage(deep=True).sum() / 2**20
    # The same points as whole numbers in int64 columns (a CSV of whole points reads so).
    whole = df.copy()
    whole[ids] = (df[ids].fillna(0) * 2).round().astype("int64") // 2
    ints, ints_base = paired_medians(lambda: vsoko.score_frame(whole, id_column="school"), lambda: pandas_baseline(whole))
    check = vsoko.score_frame(df.head(200), id_column="school")
    # Whole-and-half points: the float sums are exact, so the two agree to the digit.
    assert [Decimal(str(t)) for t in check["total"]] == [Decimal(str(t)) for t in pandas_baseline(df.head(200))["total"]]
    if many is not None:
        print(f"python/score_many/{n}: {many * 1000:.0f} ms (lists of dicts already built)")
    print(f"python/score_frame/{n}: {frame * 1000:.0f} ms (float64 frame in, Arrow decimal128 columns out)"
          f" = {frame / base:.2f}x the pandas baseline")
    if extra is not None:
        print(f"python/score_frame/{n}/memory: peak +{extra:.0f} MB over the frame; the result itself {result_mb:.0f} MB")
    print(f"python/pandas_baseline/{n}: {base * 1000:.0f} ms (same sums and bands, no validation)")
    print(f"python/score_frame_int64/{n}: {ints * 1000:.0f} ms (int64 frame in) = {ints / ints_base:.2f}x"
          f" the pandas baseline on the same frame ({ints_base * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
