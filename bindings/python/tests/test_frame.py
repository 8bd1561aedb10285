"""score_frame (pandas) agrees with score_many."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
import vsoko

pd = pytest.importorskip("pandas")


def _schools(n: int, seed: int = 42):
    rnd = random.Random(seed)
    m = vsoko.Methodology.builtin("index-2023")
    rows = []
    for s in range(n):
        row = {"school": f"Школа {s}"}
        for ind in m.indicators:
            cap = int(ind["max"])
            r = rnd.random()
            row[ind["id"]] = None if r < 0.03 else rnd.randint(0, 2 * cap) / 2
        rows.append(row)
    return rows


def test_frame_of_1000_schools_equals_score_many() -> None:
    rows = _schools(1000)
    df = pd.DataFrame(rows)
    out = vsoko.score_frame(df, id_column="school")
    many = vsoko.score_many([{k: v for k, v in r.items() if k != "school"} for r in rows])
    assert list(out.index) == [r["school"] for r in rows]
    assert list(out["total"]) == [r.total for r in many]
    assert list(out["level"]) == [r.level for r in many]
    for g in ["1", "1.1", "3.3"]:
        assert list(out[g]) == [next(x["points"] for x in r.groups if x["id"] == g) for r in many]
    assert isinstance(out["total"].iloc[0], Decimal)


def test_frame_errors_name_row_and_column() -> None:
    df = pd.DataFrame([{"school": "А", "1.1.1": 3}, {"school": "Б", "1.1.1": 7}])
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_frame(df)
    assert (err.value.index, err.value.indicator) == (1, "1.1.1")
    with pytest.raises(vsoko.InputError) as err2:
        vsoko.score_frame(pd.DataFrame([{"school": "А", "1.1.99": 1}]))
    assert err2.value.code == "unknown_indicator"
