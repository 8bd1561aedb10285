"""Pupils' term and year marks from a long table (DOMAIN §7): a pandas frame, or rows with a
header first. The figures, the individual account and the findings are the core's; this module
passes the cells as text and builds frames."""

from __future__ import annotations

import json
import math
import warnings
from decimal import Decimal
from typing import Any

from . import _vsoko

#: The decimal fields of the figures (2 places, exact).
_DECIMALS = ("success_pct", "quality_pct", "sou_pct", "mean")


def _text(value: Any) -> str:
    """A cell as text: missing (``None``, NaN) is empty, a mark read as ``5.0`` is ``5``."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value)


def _rows(data: Any) -> tuple[list[str], list[list[str]]]:
    if hasattr(data, "columns") and hasattr(data, "itertuples"):
        header = [str(c) for c in data.columns]
        rows = [[_text(v) for v in row] for row in data.itertuples(index=False, name=None)]
        return header, rows
    rows = [list(r) for r in data]
    if not rows:
        return [], []
    return [str(c) for c in rows[0]], [[_text(v) for v in r] for r in rows[1:]]


def _sheet_rows(sheet: Any) -> list[list[str]]:
    """Every row of a sheet as text cells: a frame read without a header, or a list of rows."""
    if hasattr(sheet, "itertuples"):
        return [[_text(v) for v in row] for row in sheet.itertuples(index=False, name=None)]
    return [[_text(v) for v in row] for row in sheet]


def _frame(records: list[dict[str, Any]]) -> Any:
    import pandas as pd

    flat = []
    for r in records:
        r = dict(r)
        counts = r.pop("marks", None)
        if counts is not None:
            for k, v in counts.items():
                r[f"marks_{k}"] = v
        for k in _DECIMALS:
            if k in r:
                r[k] = None if r[k] is None else Decimal(r[k])
        flat.append(r)
    frame = pd.DataFrame(flat)
    try:
        import pyarrow as pa
    except ImportError:
        return frame
    for k in _DECIMALS:
        if k in frame:
            frame[k] = pd.arrays.ArrowExtensionArray(
                pa.array(list(frame[k]), type=pa.decimal128(38, 2), from_pandas=True)
            )
    return frame


def marks(data: Any, quality_drop: Any = 10) -> dict[str, Any]:
    """Успеваемость, качество знаний, СОУ and the mean per class × subject × period
    (``groups``), per subject (``subjects``), teacher (``teachers``), grade of a school
    (``grades``), school (``schools``) and municipality (``municipalities``) as frames with exact
    ``Decimal`` columns (Arrow ``decimal128(38, 2)``); each class's individual account
    (``classes``: lists of dicts), the changes from one period to the next (``changes``, a frame;
    ``class_changes``), and ``findings`` (``quality_fell`` at the school's own ``quality_drop``,
    10 points by default).

    ``data`` is a frame or rows whose first row is the header (``Класс``, ``ФИО``/``Ученик``,
    ``Предмет``, ``Период``, ``Отметка``; optional ``Школа``, ``Учитель``,
    ``Муниципалитет``); or a dict of sheets as ``pandas.read_excel(path, sheet_name=None,
    header=None)`` gives it, each a long table or summary sheets («сводная ведомость»: the class
    in a title row or the sheet's name, subjects across, pupils down), told apart as the CLI
    does; a sheet of neither shape is left out with a warning. A row that cannot be counted (a mark outside the vocabulary, an unknown
    period, a missing cell, a second mark) is left out, warned about in Russian and listed in
    ``rejected`` with its row (the header is row 1).

    Raises:
        InputError: the header lacks a required column.
    """
    if isinstance(data, dict):
        sheets = [(str(name), _sheet_rows(frame)) for name, frame in data.items()]
        text, rejected, skipped = _vsoko._marks_sheets(sheets, str(quality_drop))
        for name in skipped:
            warnings.warn(f"лист «{name}» не является ни таблицей отметок, ни сводной ведомостью и не учтён", stacklevel=2)
    else:
        header, rows = _rows(data)
        text, rejected = _vsoko._marks(header, rows, str(quality_drop))
    report = json.loads(text)
    rejected = json.loads(rejected)
    for f in rejected:
        warnings.warn(f["message_ru"], stacklevel=2)
    for f in report["findings"]:
        warnings.warn(f["message_ru"], stacklevel=2)
    return {
        "groups": _frame(report["groups"]),
        "subjects": _frame(report["subjects"]),
        "teachers": _frame(report["teachers"]),
        "grades": _frame(report["grades"]),
        "schools": _frame(report["schools"]),
        "municipalities": _frame(report["municipalities"]),
        "classes": report["classes"],
        "changes": _frame(report["changes"]),
        "class_changes": report["class_changes"],
        "findings": report["findings"],
        "rejected": rejected,
    }
