"""Dynamics and the dashboard from a frame, against fixtures/dynamics/expected.json (computed by
fixtures/dynamics/reference.py from the rules, not by vsoko)."""

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import vsoko

FIX = Path(__file__).resolve().parents[3] / "fixtures" / "dynamics"


def _frame() -> pd.DataFrame:
    return pd.read_csv(FIX / "long.csv", dtype={"period": str})


def _decimals(x):
    if isinstance(x, dict):
        return {k: _decimals(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_decimals(v) for v in x]
    return x


def test_dynamics_of_a_frame_equals_the_reference() -> None:
    m = vsoko.Methodology.from_json((FIX / "methodology.json").read_text(encoding="utf-8"))
    got = vsoko.dynamics(_frame(), methodology=m)
    want = json.loads((FIX / "expected.json").read_text(encoding="utf-8"))
    assert got["periods"] == want["periods"] and got["issues"] == []

    def as_json(x):
        if isinstance(x, Decimal):
            return str(x)
        if isinstance(x, dict):
            return {k: as_json(v) for k, v in x.items()}
        if isinstance(x, list):
            return [as_json(v) for v in x]
        return x

    assert as_json(got["schools"]) == want["schools"]
    assert as_json(got["municipalities"]) == want["municipalities"]
    # The last period rated: places, relative points on the total and every group.
    for key in ("ratings", "relative", "groups"):
        assert as_json(got[key]) == want[key], key
    unit = got["ratings"]["units"][0]
    assert all(isinstance(unit[k], Decimal) for k in ("value", "points", "percentile"))
    assert all(isinstance(v, Decimal) for v in got["relative"]["schools"][0]["groups"].values())
    first = got["schools"][0]
    assert isinstance(next(iter(first["totals"].values())), Decimal)
    changed = [s for s in got["schools"] if s["level_change"]]
    assert all(isinstance(s["level_change"]["from"], str) for s in changed)


def test_issues_name_the_row_and_the_dashboard_renders() -> None:
    m = vsoko.Methodology.from_json((FIX / "methodology.json").read_text(encoding="utf-8"))
    df = _frame()
    dup = pd.concat([df, df.iloc[[0]]], ignore_index=True)
    got = vsoko.dynamics(dup, methodology=m)
    assert [(i["code"], i["row"], i["rejected"]) for i in got["issues"]] == [("duplicate_school", len(dup), True)]
    with pytest.warns(UserWarning, match="уже есть в периоде"):
        page = vsoko.dashboard(dup, methodology=m)
    assert page.html.startswith("<!DOCTYPE html>") and "<script" not in page.html
    assert page._repr_html_() == page.html
    with pytest.raises(vsoko.InputError):
        vsoko.dynamics(df, methodology=m, by="9.9")


def test_russian_column_names_are_read_as_in_batch() -> None:
    m = vsoko.Methodology.from_json((FIX / "methodology.json").read_text(encoding="utf-8"))
    df = _frame().rename(columns={"school": "Школа", "municipality": "МО", "period": "Период"})
    got = vsoko.dynamics(df, methodology=m)
    assert got["periods"] == ["2023", "2024"] and got["issues"] == []
    assert len(got["municipalities"]) == 3
