"""Term marks through Python: the same figures as the reference computed from the rules
(fixtures/marks/expected.json), exact decimals, rejected rows warned about and listed."""

from __future__ import annotations

import csv
import json
import warnings
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import vsoko

MARKS = Path(__file__).resolve().parents[3] / "fixtures" / "marks"


def _table(name: str) -> list[list[str]]:
    with open(MARKS / name, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def test_a_frame_gives_the_reference_figures_exactly() -> None:
    rows = _table("school_1_marks.csv")
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = vsoko.marks(frame)
    want = json.loads((MARKS / "expected.json").read_text(encoding="utf-8"))
    groups = r["groups"]
    assert len(groups) == len(want["groups"])
    for got, exp in zip(groups.to_dict("records"), want["groups"]):
        assert (got["class"], got["subject"], got["period"]) == (exp["class"], exp["subject"], exp["period"])
        assert got["marks_5"] == exp["marks"]["5"] and got["marks_na"] == exp["marks"]["na"]
        for k in ("success_pct", "quality_pct", "sou_pct", "mean"):
            value = got[k]
            assert (None if value is None or value is pd.NA else value) == (None if exp[k] is None else Decimal(exp[k])), k
    assert r["classes"] == want["classes"]
    assert r["class_changes"] == want["class_changes"]
    assert [f["code"] for f in r["findings"]] == ["quality_fell"]
    assert any("качество знаний снизилось на 33,33" in str(w.message) for w in caught)
    assert isinstance(groups["quality_pct"].iloc[0], Decimal)


def test_rows_with_a_header_and_rejected_rows() -> None:
    with pytest.warns(UserWarning, match="не отметка"):
        r = vsoko.marks(_table("bad_rows.csv"))
    assert [f["code"] for f in r["rejected"]] == ["invalid_mark", "unknown_period", "duplicate_mark", "missing_cell"]
    assert [f["row"] for f in r["rejected"]] == [3, 4, 5, 6]
    assert int(r["groups"]["pupils"].iloc[0]) == 2
    with pytest.raises(vsoko.InputError) as e:
        vsoko.marks([["Класс", "ФИО"], ["7Б", "Иванов"]])
    assert "«Предмет»" in e.value.message_ru


def test_summary_sheets_from_read_excel_give_the_reference_figures() -> None:
    pytest.importorskip("openpyxl")
    sheets = pd.read_excel(MARKS / "vedomost_7b.xlsx", sheet_name=None, header=None, dtype=str)
    sheets["8"] = _table("vedomost_8.csv")
    r = vsoko.marks(sheets)
    want = json.loads((MARKS / "expected_vedomost.json").read_text(encoding="utf-8"))
    got = r["groups"].to_dict("records")
    assert len(got) == len(want["groups"])
    for g, exp in zip(got, want["groups"]):
        assert (g["class"], g["subject"], g["period"]) == (exp["class"], exp["subject"], exp["period"])
        for k in ("success_pct", "quality_pct", "sou_pct", "mean"):
            value = g[k]
            assert (None if value is None or value is pd.NA else value) == (None if exp[k] is None else Decimal(exp[k])), k
    assert r["classes"] == want["classes"]


def test_a_sheet_of_neither_shape_is_left_out_with_a_warning_and_none_read_raises() -> None:
    good = _table("school_1_marks.csv")
    with pytest.warns(UserWarning, match="лист «notes»"):
        r = vsoko.marks({"marks": good, "notes": [["просто", "заметки"]]})
    assert len(r["groups"]) > 0
    with pytest.raises(vsoko.InputError):
        vsoko.marks({"notes": [["просто", "заметки"]]})
