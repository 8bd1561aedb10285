"""ВПР, ОГЭ and ЕГЭ results by task through Python: the same report as `vsoko tasks` (its JSON on
the same CSV, the hand-checked figures of fixtures/tasks/README.md and the independent
reference expected_ege.json), exact decimals, rejected rows listed, and the same result from
Dask partitions on a LocalCluster as on one machine."""

from __future__ import annotations

import json
import os
import subprocess
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import vsoko

TASKS = Path(__file__).resolve().parents[3] / "fixtures" / "tasks"
FRAMES = ("tasks", "weak", "marks", "ege", "medallists")


def load(name: str, sep: str = ",") -> pd.DataFrame:
    return pd.read_csv(TASKS / name, dtype=str, sep=sep)


def plain(v: Any) -> Any:
    """A cell as the CLI's JSON writes it: decimals as their text, missing as None."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, Decimal):
        return str(v)
    if hasattr(v, "item"):  # a numpy integer
        return v.item()
    return v


def as_json(result: dict[str, Any]) -> dict[str, Any]:
    """The frames back in the shape of the CLI's JSON."""
    out: dict[str, Any] = {}
    for k in FRAMES:
        out[k] = [{c: plain(v) for c, v in r.items()} for r in result[k].to_dict("records")]
    for r in out["marks"]:
        r["counts"] = {m: r.pop(f"marks_{m}") for m in "2345"}
        r["pct"] = {m: r.pop(f"pct_{m}") for m in "2345"}
    out["findings"] = result["findings"]
    return out


def test_the_vpr_table_gives_the_hand_checked_figures_exactly() -> None:
    r = vsoko.tasks(load("vpr_region.csv"))
    t = r["tasks"]
    row = t[(t["school"] == "Школа №1") & t["class"].isna() & (t["task"] == "4")].iloc[0]
    assert row["completion_pct"] == Decimal("35.71") and isinstance(row["completion_pct"], Decimal)
    assert set(t.loc[t["task"] == "4", "region_completion_pct"]) == {Decimal("45.24")}
    assert int(row["participants"]) == 7  # pupil 1105 is absent
    assert str(t["completion_pct"].dtype).startswith("decimal128(38, 2)")
    assert t["participants"].dtype == "int64"
    w = r["weak"]
    assert list(w.loc[w["school"] == "Школа №3", "task"]) == ["2", "4"]  # a tie: task order
    assert not ((w["school"] == "Школа №2") & (w["task"] == "2")).any()  # 50.00 is not weak
    assert r["findings"] == [] and r["rejected"] == []


def test_the_vpr_table_gives_the_cli_json() -> None:
    cli = os.environ.get("VSOKO_CLI")
    if not cli or not Path(cli).exists():
        pytest.skip("VSOKO_CLI is not built (scripts/test-python builds it)")
    out = subprocess.run([cli, "tasks", str(TASKS / "vpr_region.csv"), "--format", "json"],
                         capture_output=True, check=True, text=True)
    want = json.loads(out.stdout)
    assert as_json(vsoko.tasks(load("vpr_region.csv"))) == want


def test_ege_with_medallists_gives_the_independent_reference() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no finding: the minimums are of 2026
        r = vsoko.tasks(load("ege_2026.csv", sep=";"), medallists=load("medallists.csv", sep=";"))
    want = json.loads((TASKS / "expected_ege.json").read_text("utf-8"))
    got = as_json(r)
    for k in FRAMES:
        assert got[k] == want[k], k
    assert r["ege"]["min_score"].dtype == "Int64"  # missing for base mathematics, never a float
    # The list as names, and as (school, pupil) pairs, finds the same.
    pairs = vsoko.tasks(load("ege_2026.csv", sep=";"), medallists=[("Гимназия №1", "Иванов Пётр")])
    assert list(pairs["medallists"]["subject"]) == ["Физика"]
    with pytest.warns(UserWarning, match="Нет Такого"):
        names = vsoko.tasks(load("ege_2026.csv", sep=";"), medallists=["Нет Такого"])
    assert [f["code"] for f in names["findings"]] == ["medallist_not_found"]


def test_rows_as_dicts_with_russian_headings_and_a_rejected_row() -> None:
    rows = [
        {"Школа": "S1", "Год": "2025", "Процедура": "ВПР", "Предмет": "Математика", "Параллель": 5,
         "Класс": "5А", "Код участника": p, "1 (2б)": pts, "Отметка": mark}
        for p, pts, mark in [("p1", 2, 5), ("p2", 1.0, 4), ("p3", 3, 3), ("p4", "Х", 2)]
    ]
    with pytest.warns(UserWarning, match="p3|3"):
        r = vsoko.tasks(rows, weak_below="60")
    assert [(f["code"], f["row"]) for f in r["rejected"]] == [("invalid_points", 4)]
    school = r["tasks"].iloc[0]
    assert (school["task"], int(school["participants"]), school["completion_pct"]) == ("1", 3, Decimal("50.00"))
    assert list(r["weak"]["task"]) == ["1"]  # below the school's own 60 %
    assert list(r["marks"][["marks_2", "marks_4", "marks_5"]].iloc[0]) == [1, 1, 1]
    with pytest.raises(vsoko.InputError) as e:
        vsoko.tasks(rows, weak_below=101)
    assert e.value.code == "value_out_of_range"


def test_summaries_combine_to_the_whole_and_a_differing_maximum_is_refused() -> None:
    frame = load("vpr_region.csv")
    whole = vsoko.tasks(frame)
    parts = [vsoko.tasks_summaries(frame[frame["school"] == s]) for s in frame["school"].unique()]
    summaries = pd.concat(parts, ignore_index=True)
    assert list(summaries.columns) == list(vsoko.tasks_summary_meta().columns)
    assert summaries["grade"].dtype == "int64"
    first = json.loads(summaries["summary"].iloc[0])
    assert isinstance(first["classes"][0]["points"][0], int)
    combined = vsoko.tasks_combine(summaries)
    for k in FRAMES:
        assert combined[k].equals(whole[k]), k
    bad = summaries.copy()
    s = json.loads(bad.loc[1, "summary"])
    s["school"] = first["school"]
    s["tasks"][0]["max"] += 1
    bad.loc[1, "summary"] = json.dumps(s, ensure_ascii=False)
    with pytest.raises(vsoko.InputError) as e:
        vsoko.tasks_combine(bad)
    assert e.value.index == 1 and "maximum" in e.value.message


def test_dask_local_cluster_gives_the_single_machine_result() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    base = load("vpr_region.csv")
    # Twelve schools (each of the three four times over), so that 8 partitions split by school.
    frame = pd.concat([base.assign(school=base["school"] + f"/{k}") for k in range(4)], ignore_index=True)
    whole = vsoko.tasks(frame)
    by_school = dd.from_pandas(frame.set_index("school").sort_index(), npartitions=8)
    assert by_school.npartitions == 8
    # Rows in order, 8 chunks: schools split across partitions add up by work.
    chunks = dd.from_pandas(base, npartitions=8, sort=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            meta = vsoko.tasks_summary_meta()
            parts = by_school.map_partitions(vsoko.tasks_summaries, meta=meta).compute()
            chunked = chunks.map_partitions(vsoko.tasks_summaries, meta=meta).compute()
    result = vsoko.tasks_combine(parts)
    for k in FRAMES:
        assert result[k].equals(whole[k]), k
    assert result["findings"] == whole["findings"]
    once = vsoko.tasks(base)
    again = vsoko.tasks_combine(chunked)
    for k in FRAMES:
        assert again[k].equals(once[k]), k
