#!/usr/bin/env python3
"""The reference point `vsoko tasks` is timed beside: plain vectorised pandas computing each
task's completion per school and per class, beside the same task over the region, from the long
table (benches/gen_tasks.py, fixtures/tasks/vpr_region.csv's shape), and validating nothing: no
points above the maximum, duplicate pupils or blank cells are looked for.

    python benches/tasks_pandas.py IN.csv OUT.csv
        writes OUT.csv: the rows of `vsoko tasks IN.csv --format csv` (school, class, procedure,
        subject, grade, year, task, max, participants, completion_pct, region_completion_pct)
    python benches/tasks_pandas.py IN.csv OUT.csv --check CLI.csv
        also compares OUT.csv with the CLI's CSV line by line (order included)

The rules (crates/vsoko/src/tasks/mod.rs): a pupil is absent when the variant starts with
«отсутств» (any case), or the row has no score, no mark and no task points; absent pupils are
not participants. «Х» (Cyrillic or Latin, either case) is 0 points. Completion = points × 100 /
(maximum × participants), rounded once half away from zero to 2 places in integer arithmetic
(every quantity is non-negative: half up); the region's over every school of the file. Order:
works by school, procedure, subject, grade, year (code points), the school's row (no class)
before its classes (code points), tasks in the natural order of their numbers (4.1 < 4.2 < 10).
"""
import re
import sys

import numpy as np
import pandas as pd

KEY = ["school", "procedure", "subject", "grade", "year"]
OUT = ["school", "class", "procedure", "subject", "grade", "year", "task", "max", "participants",
       "completion_pct", "region_completion_pct"]
TASK = re.compile(r"^\s*(\d+(?:\.\d+)*)\s*\((\d+)\s*б\)\s*$")
NOT_ATTEMPTED = ["Х", "х", "X", "x", ""]


def tasks_of(columns) -> list:
    """(heading, task number, maximum) of the task columns, in natural order."""
    found = [(c, m.group(1), int(m.group(2))) for c in columns if (m := TASK.match(c))]
    return sorted(found, key=lambda t: (tuple(int(p) for p in t[1].split(".")), t[1]))


def hundredths(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num/den rounded half up to 2 places, as text with both places; '' where den is 0."""
    safe = np.where(den == 0, 1, den)
    h = (200 * num + safe) // (2 * safe)
    text = pd.Series(h // 100).astype(str) + "." + pd.Series(h % 100).astype(str).str.zfill(2)
    return np.where(den == 0, "", text.to_numpy())


def compute(src: str) -> pd.DataFrame:
    header = pd.read_csv(src, nrows=0).columns
    tasks = tasks_of(header)
    heads = [t[0] for t in tasks]
    texts = {c: "category" for c in ["school", "procedure", "subject", "class", "variant"]}
    df = pd.read_csv(src, usecols=KEY + ["class", "variant", "score", "mark"] + heads,
                     dtype={**texts, "grade": np.int16, "year": np.int32,
                            **{h: np.float32 for h in heads}},
                     na_values={**{h: NOT_ATTEMPTED for h in heads}, "score": [""], "mark": [""]},
                     keep_default_na=False)
    # «Х» and an empty cell both read as NaN: a participant's NaN is «Х», 0 points (a blank
    # cell in a participant's row is an error the baseline does not look for); an absent
    # pupil's row is not counted.
    points = df[heads].to_numpy(dtype=np.float32)
    v = pd.Series(df["variant"].cat.categories).str.strip().str.lower().str.startswith("отсутств")
    absent = v.to_numpy()[df["variant"].cat.codes.to_numpy()] & (df["variant"].cat.codes.to_numpy() >= 0)
    blank = np.isnan(points).all(axis=1) & df["score"].isna().to_numpy() & df["mark"].isna().to_numpy()
    took = ~(absent | blank)

    # Groups: the work (school, procedure, subject, grade, year) × class, in the report's order.
    groups = df.groupby(KEY + ["class"], sort=False, observed=True).ngroup().to_numpy()
    g = int(groups.max()) + 1
    first = np.full(g, len(groups), dtype=np.int64)
    np.minimum.at(first, groups, np.arange(len(groups)))
    keys = df[KEY + ["class"]].iloc[first].reset_index(drop=True)
    for c in ["school", "procedure", "subject", "class"]:
        keys[c] = keys[c].astype(str)
    w = took.astype(np.int64)
    participants = np.bincount(groups, weights=w, minlength=g).astype(np.int64)
    pts = np.nan_to_num(points, nan=0.0).astype(np.int64) * w[:, None]
    sums = np.zeros((g, len(heads)), dtype=np.int64)
    for j in range(len(heads)):
        sums[:, j] = np.bincount(groups, weights=pts[:, j], minlength=g).astype(np.int64)

    # Works: the classes summed; region: the works of one procedure × subject × grade × year.
    work = keys.groupby(KEY, sort=False).ngroup().to_numpy()
    nw = int(work.max()) + 1
    wfirst = np.full(nw, g, dtype=np.int64)
    np.minimum.at(wfirst, work, np.arange(g))
    wkeys = keys[KEY].iloc[wfirst].reset_index(drop=True)
    wpart = np.bincount(work, weights=participants, minlength=nw).astype(np.int64)
    wsums = np.zeros((nw, len(heads)), dtype=np.int64)
    np.add.at(wsums, work, sums)
    reg = wkeys.groupby(KEY[1:], sort=False).ngroup().to_numpy()
    nr = int(reg.max()) + 1
    rpart = np.bincount(reg, weights=wpart, minlength=nr).astype(np.int64)
    rsums = np.zeros((nr, len(heads)), dtype=np.int64)
    np.add.at(rsums, reg, wsums)

    # The rows: each work's school row, then its classes; sorted as the CLI sorts.
    allkeys = pd.concat([wkeys.assign(**{"class": ""}), keys], ignore_index=True)
    allpart = np.concatenate([wpart, participants])
    allsums = np.concatenate([wsums, sums])
    allreg = np.concatenate([reg, reg[work]])
    order = allkeys.sort_values(KEY + ["class"], kind="stable").index.to_numpy()
    allkeys = allkeys.iloc[order].reset_index(drop=True)
    allpart, allsums, allreg = allpart[order], allsums[order], allreg[order]

    n, t = len(allkeys), len(heads)
    maxima = np.array([m for _, _, m in tasks], dtype=np.int64)
    out = allkeys[["school", "class", "procedure", "subject", "grade", "year"]].loc[
        np.repeat(np.arange(n), t)].reset_index(drop=True)
    out["task"] = np.tile(np.array([num for _, num, _ in tasks], dtype=object), n)
    out["max"] = np.tile(maxima, n)
    part = np.repeat(allpart, t)
    out["participants"] = part
    out["completion_pct"] = hundredths(100 * allsums.ravel(), np.tile(maxima, n) * part)
    rwhole = rpart[:, None] * maxima[None, :]
    out["region_completion_pct"] = hundredths(100 * rsums[allreg].ravel(), rwhole[allreg].ravel())
    return out


def check(mine: str, cli: str) -> int:
    a = pd.read_csv(mine, dtype=str, keep_default_na=False)
    b = pd.read_csv(cli, dtype=str, keep_default_na=False)
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        print(f"check: pandas {len(a)} rows {list(a.columns)}, CLI {len(b)} rows {list(b.columns)}")
        return 1
    bad = (a != b).any(axis=1)
    for i in np.flatnonzero(bad.to_numpy())[:5]:
        print(f"row {i + 2}: pandas {a.iloc[i].to_list()}\n        CLI    {b.iloc[i].to_list()}")
    print(f"check: {len(a)} rows, {a.size} cells compared (order included), {int(bad.sum())} rows differ")
    return 1 if bad.any() else 0


def main(argv: list) -> int:
    src, dst = argv[0], argv[1]
    compute(src).to_csv(dst, index=False)
    if len(argv) > 3 and argv[2] == "--check":
        return check(dst, argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
