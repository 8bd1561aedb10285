"""Objectivity in Python: the reference fixtures (written from the rules, not from vsoko), and the
same result from 8 Dask partitions on a dask.distributed LocalCluster as on one machine."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import vsoko

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "objectivity"


def load(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False)


def as_expected(result: dict, want: dict) -> dict:
    keys = list(want["groups"][0])
    groups = [
        {k: (None if pd.isna(r[k]) else (str(r[k]) if isinstance(r[k], Decimal) else r[k])) for k in keys}
        for r in result["groups"].to_dict("records")
    ]
    for g in groups:
        for k in ("grade", "year", "participants", "absent", "compared", "no_journal_mark", "lowered", "confirmed", "raised"):
            g[k] = int(g[k])
    flag_keys = list(want["flags"][0]) if want["flags"] else []
    flags = [{k: (int(f[k]) if k in ("grade", "year") else f[k]) for k in flag_keys} for f in result["flags"].to_dict("records")]
    summary = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in result["summary"].items()}
    munis = [{k: (str(v) if isinstance(v, Decimal) else int(v) if k in ("schools", "flagged_schools") else v) for k, v in m.items()}
             for m in result["municipalities"].to_dict("records")]
    return {"groups": groups, "flags": flags, "summary": summary, "municipalities": munis}


@pytest.mark.parametrize("case", ["small", "spearman_ties", "interval_edge", "cohort_edge", "region"])
def test_reference_cases(case: str) -> None:
    want = json.loads((FIXTURES / f"{case}.expected.json").read_text("utf-8"))
    result = vsoko.objectivity(load(f"{case}.csv"))
    assert as_expected(result, want) == want
    assert all(isinstance(v, Decimal) for v in result["groups"]["mean_score"].dropna())


@pytest.mark.parametrize("backend", [None, "numpy_nullable", "pyarrow"])
@pytest.mark.parametrize("case", ["small", "spearman_ties", "region"])
def test_typed_frames_give_the_same_result(case: str, backend: str | None) -> None:
    """Numbers read as int64/float64 (NaN for a missing cell), nullable Int64/Float64 or Arrow
    columns cross as arrays, not as text, and give the reference result exactly."""
    if backend == "pyarrow":
        pytest.importorskip("pyarrow")
    kwargs = {"dtype_backend": backend} if backend else {}
    frame = pd.read_csv(FIXTURES / f"{case}.csv", **kwargs)
    assert pd.api.types.is_numeric_dtype(frame["score"].dtype)
    want = json.loads((FIXTURES / f"{case}.expected.json").read_text("utf-8"))
    assert as_expected(vsoko.objectivity(frame), want) == want


def test_a_float_score_is_its_decimal_and_infinity_is_refused() -> None:
    frame = pd.read_csv(FIXTURES / "small.csv")
    assert frame["score"].dtype == "float64"  # 7.5 and missing cells
    rows = vsoko.objectivity_summaries(frame)
    # The intermediate keeps decimals as exact text; the result of combine has Decimals.
    assert all(isinstance(v, str) for v in rows["mean_score"].dropna())
    assert all(isinstance(v, str) and Decimal(v) >= 0 for v in rows["scores_sum"])
    frame.loc[3, "score"] = float("inf")
    with pytest.raises(vsoko.InputError) as e:
        vsoko.objectivity_summaries(frame)
    assert e.value.index == 3


def test_bad_rows_raise_with_their_position() -> None:
    frame = load("small.csv")
    frame.loc[2, "mark"] = "7"
    with pytest.raises(vsoko.InputError) as e:
        vsoko.objectivity_summaries(frame)
    assert e.value.code == "invalid_input" and e.value.index == 2


def test_dask_local_cluster_gives_the_single_machine_result() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    frame = load("region.csv")
    whole = vsoko.objectivity(frame)
    # Partition by school: every pupil of a school lands in one partition.
    ddf = dd.from_pandas(frame.set_index("school").sort_index(), npartitions=8)
    assert ddf.npartitions == 8
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            parts = ddf.map_partitions(vsoko.objectivity_summaries, meta=vsoko.summary_meta()).compute()
    result = vsoko.objectivity_combine(parts)
    want = json.loads((FIXTURES / "region.expected.json").read_text("utf-8"))
    assert as_expected(result, want) == want
    assert result["summary"] == whole["summary"]
    assert result["flags"].equals(whole["flags"])


def test_pyspark_apply_in_pandas_gives_the_reference_result(monkeypatch) -> None:
    """The README's PySpark recipe, run on a local[2] Spark (needs Java): groupBy(school) →
    applyInPandas(summaries) → combine gives the reference fixture exactly."""
    import shutil
    import sys

    if shutil.which("java") is None:
        pytest.skip("no Java")
    sql = pytest.importorskip("pyspark.sql")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # the workers must import vsoko
    spark = (sql.SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    try:
        meta = vsoko.summary_meta()
        types = {"object": "string", "int64": "long", "bool": "boolean"}
        schema = ", ".join(f"{c} {types[str(meta[c].dtype)]}" for c in meta.columns)
        pupils = spark.createDataFrame(load("region.csv"))
        # A one-argument function: with two, Spark would pass (key, frame).
        parts = pupils.groupBy("school").applyInPandas(lambda p: vsoko.objectivity_summaries(p), schema).toPandas()
    finally:
        spark.stop()
    result = vsoko.objectivity_combine(parts)
    want = json.loads((FIXTURES / "region.expected.json").read_text("utf-8"))
    assert as_expected(result, want) == want
