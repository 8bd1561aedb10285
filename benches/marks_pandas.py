#!/usr/bin/env python3
"""The baseline `vsoko marks` is compared with: plain vectorised pandas computing the figures of
every class × subject × period (the CLI's `groups`), of every subject and of every teacher over a
school's period, from the same long table (DOMAIN §7), and validating nothing: no duplicate
marks, no unknown periods, no blank cells are looked for; an unknown mark is simply not counted.

    python benches/marks_pandas.py IN.csv OUT.csv
        writes OUT.csv (groups, the CLI's CSV columns), OUT.subjects.csv, OUT.teachers.csv
    python benches/marks_pandas.py --check IN.csv CLI.csv [CLI.json]
        computes the groups and compares them cell by cell with `vsoko marks IN.csv --format csv`,
        and the subjects and teachers with `--format json` when given

The figures are exact as the CLI's: integer arithmetic, one rounding half away from zero to 2
places (all the quantities are non-negative, so half up):
    N = pupils − exempt − no mark; success = (5+4+3+зач)·100/N; quality = (5+4)·100/N;
    СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·nн/а)/N; mean = sum of numeric marks / their count;
    a set of «зач»/«незач» only has no quality, СОУ or mean; where they mix with numeric marks,
    quality and СОУ are over N − зач − незач.
"""
import sys

import numpy as np
import pandas as pd

KEYS = ["school", "class", "subject", "teacher", "period"]
HEADINGS = {"Школа": "school", "Класс": "class", "ФИО": "pupil", "Предмет": "subject",
            "Учитель": "teacher", "Период": "period", "Отметка": "mark"}
# Mark categories: 0..9 = n5, n4, n3, n2, na, exempt, no_mark, pass, fail, not a mark.
KIND = {"5": 0, "4": 1, "3": 2, "2": 3, "1": 3, "н/а": 4, "на": 4, "осв": 5, "": 6, "—": 6,
        "-": 6, "зач": 7, "зачет": 7, "незач": 8, "незачет": 8}
PERIOD_ID = {"i четверть": "q1", "ii четверть": "q2", "iii четверть": "q3", "iv четверть": "q4",
             "1 четверть": "q1", "2 четверть": "q2", "3 четверть": "q3", "4 четверть": "q4",
             "i полугодие": "h1", "ii полугодие": "h2", "год": "year", "итоговая": "final"}
OUT_COLUMNS = ["pupils", "exempt", "no_mark", "5", "4", "3", "2", "na", "pass", "fail",
               "success_pct", "quality_pct", "sou_pct", "mean"]


def read(src: str) -> pd.DataFrame:
    df = pd.read_csv(src, sep=";", dtype="category", keep_default_na=False, usecols=list(HEADINGS))
    return df.rename(columns=HEADINGS)


def hundredths(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num/den rounded half up to 2 places, as text with both places; '' where den is 0."""
    safe = np.where(den == 0, 1, den)
    h = (2 * 100 * num + safe) // (2 * safe)
    text = pd.Series(h // 100).astype(str) + "." + pd.Series(h % 100).astype(str).str.zfill(2)
    return np.where(den == 0, "", text.to_numpy())


def figures(counts: np.ndarray, total: np.ndarray) -> pd.DataFrame:
    """counts: G × 9 (n5, n4, n3, n2, na, exempt, no_mark, pass, fail); total: sum of grades."""
    n5, n4, n3, n2, na, ex, nm, ps, fl = (counts[:, i] for i in range(9))
    pupils = counts.sum(axis=1)
    n = pupils - ex - nm
    graded = n5 + n4 + n3 + n2
    # Only pass/fail marks: no level at all; otherwise the levels are over the marks that have
    # one (N − зач − незач; N itself for a set without pass/fail marks).
    pf = ((ps + fl) > 0) & (graded == 0)
    levelled = n - ps - fl
    out = pd.DataFrame({"pupils": pupils, "exempt": ex, "no_mark": nm, "5": n5, "4": n4, "3": n3,
                        "2": n2, "na": na, "pass": ps, "fail": fl})
    out["success_pct"] = hundredths(100 * (n5 + n4 + n3 + ps), n)
    out["quality_pct"] = np.where(pf, "", hundredths(100 * (n5 + n4), levelled))
    out["sou_pct"] = np.where(pf, "", hundredths(100 * n5 + 64 * n4 + 36 * n3 + 16 * n2 + 7 * na, levelled))
    out["mean"] = np.where(pf, "", hundredths(total, graded))
    return out


def totals(keys: pd.DataFrame, counts: np.ndarray, total: np.ndarray):
    """Sums the group counts by `keys` (first appearance order)."""
    gid = keys.groupby(list(keys.columns), sort=False, observed=True).ngroup().to_numpy()
    g = gid.max() + 1 if len(gid) else 0
    summed = np.zeros((g, 9), dtype=np.int64)
    np.add.at(summed, gid, counts)
    first = pd.Series(np.arange(len(gid))).groupby(gid).first().to_numpy()
    return keys.iloc[first].reset_index(drop=True), summed, np.bincount(gid, total, g).astype(np.int64)


def compute(df: pd.DataFrame):
    # The mark vocabulary, read once per distinct text (a category), then per row by code.
    cats = df["mark"].cat.categories
    norm = pd.Series(cats).str.strip().str.lower().str.replace("ё", "е").str.rstrip(".")
    kind = norm.map(KIND).fillna(9).astype(np.int8).to_numpy()
    grade = pd.to_numeric(norm, errors="coerce").fillna(0).astype(np.int64).to_numpy()
    codes = df["mark"].cat.codes.to_numpy()
    row_kind = kind[codes]
    row_grade = np.where(row_kind <= 3, grade[codes], 0)
    pcats = pd.Series(df["period"].cat.categories).str.strip().str.lower()
    df["period"] = df["period"].cat.rename_categories(pcats.map(PERIOD_ID).fillna(pcats).to_list())

    gid = df.groupby(KEYS, sort=False, observed=True).ngroup().to_numpy()
    g = int(gid.max()) + 1
    counts = np.bincount(gid * 10 + row_kind, minlength=g * 10).reshape(g, 10)[:, :9].astype(np.int64)
    total = np.bincount(gid, weights=row_grade, minlength=g).astype(np.int64)
    # One row per group, in the order the groups first appear (as the CLI lists them).
    first = np.full(g, len(gid), dtype=np.int64)
    np.minimum.at(first, gid, np.arange(len(gid)))
    keys = df[KEYS].iloc[first].reset_index(drop=True).astype(str)

    groups = pd.concat([keys, figures(counts, total)], axis=1)
    sk, sc, st = totals(keys[["school", "subject", "period"]], counts, total)
    subjects = pd.concat([sk, figures(sc, st)], axis=1)
    named = (keys["teacher"] != "").to_numpy()
    tk, tc, tt = totals(keys.loc[named, ["school", "teacher", "period"]].reset_index(drop=True),
                        counts[named], total[named])
    teachers = pd.concat([tk, figures(tc, tt)], axis=1)
    return groups, subjects, teachers


def json_rows(rows: list, key: list) -> pd.DataFrame:
    """The CLI's JSON figures as the CSV's text cells."""
    out = []
    for x in rows:
        d = {k: x[k] or "" for k in key}
        for k in ("pupils", "exempt", "no_mark"):
            d[k] = str(x[k])
        d.update({k: str(v) for k, v in x["marks"].items()})
        d.update({k: str(x[k]) for k in ("pass", "fail")})
        d.update({k: x[k] or "" for k in ("success_pct", "quality_pct", "sou_pct", "mean")})
        out.append(d)
    return pd.DataFrame(out, columns=key + OUT_COLUMNS)


def check(src: str, cli_csv: str, cli_json: str | None = None) -> int:
    groups, subjects, teachers = compute(read(src))
    cli = pd.read_csv(cli_csv, dtype=str, keep_default_na=False)
    mismatches = 0
    if cli_json:
        import json

        with open(cli_json, encoding="utf-8") as f:
            report = json.load(f)
        for name, mine, key in (("subjects", subjects, ["school", "subject", "period"]),
                                ("teachers", teachers, ["school", "teacher", "period"])):
            theirs = json_rows(report[name], key)
            mine = mine[key + OUT_COLUMNS].astype(str).reset_index(drop=True)
            bad = (mine != theirs).any(axis=1) if len(mine) == len(theirs) else None
            n = len(mine) if bad is None else int(bad.sum())
            print(f"check: {len(theirs)} {name} (CLI) against {len(mine)} (pandas), {n} rows differ")
            mismatches += n
    if len(cli) != len(groups):
        print(f"groups: CLI {len(cli)}, pandas {len(groups)}")
        mismatches += 1
    mine = groups.set_index(KEYS)
    theirs = cli.set_index(KEYS)
    common = mine.index.intersection(theirs.index)
    for col in OUT_COLUMNS:
        a = mine.loc[common, col].astype(str)
        b = theirs.loc[common, col].astype(str)
        bad = a != b
        for key in list(a[bad].index)[:5]:
            print(f"{key} {col}: pandas {a[key]!r}, CLI {b[key]!r}")
        mismatches += int(bad.sum())
    missing = len(mine.index.symmetric_difference(theirs.index))
    if missing:
        print(f"{missing} groups in only one of the two")
    mismatches += missing
    cells = len(common) * len(OUT_COLUMNS)
    print(f"check: {len(common)} groups, {cells} figures compared, {mismatches} mismatches")
    return 1 if mismatches else 0


def main(src: str, dst: str) -> None:
    groups, subjects, teachers = compute(read(src))
    groups.to_csv(dst, index=False)
    stem = dst[:-4] if dst.endswith(".csv") else dst
    subjects.to_csv(stem + ".subjects.csv", index=False)
    teachers.to_csv(stem + ".teachers.csv", index=False)


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        sys.exit(check(*sys.argv[2:5]))
    main(sys.argv[1], sys.argv[2])
