#!/usr/bin/env python3
"""The baseline `vsoko batch` is compared with: plain vectorised pandas, the same sums and
bands for index-2023, and no validation at all (no caps, no types, no duplicate checks).

    python benches/pandas_baseline.py IN.csv OUT.csv
"""
import sys

import numpy as np
import pandas as pd

CRITERIA = {"1.1": 17, "1.2": 8, "1.3": 5, "2.1": 7, "2.2": 2, "2.3": 2, "3.1": 2, "3.2": 26, "3.3": 3}


def main(src: str, dst: str) -> None:
    df = pd.read_csv(src, dtype={"school": str})
    out = pd.DataFrame({"school": df["school"]})
    groups = {}
    for c, n in CRITERIA.items():
        groups[c] = df[[f"{c}.{k}" for k in range(1, n + 1)]].sum(axis=1)
    for d in "123":
        groups[d] = sum(v for k, v in groups.items() if k.startswith(d + "."))
    total = groups["1"] + groups["2"] + groups["3"]
    out["total"] = total
    out["level"] = np.select([total >= 110, total >= 70], ["high", "medium"], default="low")
    for g in ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.3"]:
        out[g] = groups[g]
    out.to_csv(dst, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
