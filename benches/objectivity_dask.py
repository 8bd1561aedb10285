#!/usr/bin/env python3
"""Objectivity on a dask.distributed LocalCluster (2 workers, 1 thread each), on the pupils of
one CSV file: prints wall times; asserts only that the result equals the CLI's JSON.

  objectivity_dask.py PUPILS.csv CLI_RESULT.json

Two ways to get a frame partitioned by school, both timed from cluster start to the result:
- csv+shuffle: ``dd.read_csv`` then ``shuffle(on="school")`` (any CSV, sorted or not);
- parquet: the same pupils stored as Parquet files that each hold whole schools (how a
  country's data would sit in a lake; written once before timing, not timed).
"""

import json
import sys
import time
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

import vsoko

TEXT = {"pupil": str, "class": str, "school": str, "municipality": str}


def to_parquet(csv: Path, out: Path, parts: int = 16) -> None:
    """Whole schools per file: school i of n goes to file i * parts // n."""
    if (out / "done").exists():
        return
    frame = pd.read_csv(csv, dtype=TEXT, keep_default_na=False, na_values={"score": [""], "mark": [""], "journal_mark": [""]})
    codes, uniques = pd.factorize(frame["school"])
    part = codes * parts // max(len(uniques), 1)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(parts):
        frame[part == i].to_parquet(out / f"part-{i:03d}.parquet", index=False)
    (out / "done").touch()


def run(label: str, make) -> dict:
    start = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        parts = make().map_partitions(vsoko.objectivity_summaries, meta=vsoko.summary_meta()).compute()
    result = vsoko.objectivity_combine(parts)
    print(f"objectivity/dask-localcluster-2-workers/{label}: {time.perf_counter() - start:.2f} s")
    return result


def same(result: dict, cli: dict) -> bool:
    return (
        {k: str(v) for k, v in result["summary"].items()} == {k: str(v) for k, v in cli["summary"].items()}
        and len(result["groups"]) == len(cli["groups"])
        and len(result["flags"]) == len(cli["flags"])
    )


if __name__ == "__main__":
    csv, cli_json = Path(sys.argv[1]), Path(sys.argv[2])
    cli = json.loads(cli_json.read_text("utf-8"))
    lake = csv.with_suffix(".parquet.d")
    to_parquet(csv, lake)
    a = run("parquet by school", lambda: dd.read_parquet(str(lake / "*.parquet")))
    b = run("csv+shuffle", lambda: dd.read_csv(str(csv), dtype=TEXT, blocksize="32MB").shuffle(on="school", npartitions=16))
    ok = same(a, cli) and same(b, cli)
    print(f"objectivity/dask: same summary, groups and flags as the CLI: {ok}")
    sys.exit(0 if ok else 1)
