"""Objectivity for notebooks and clusters: pupils' marks against external procedures.

The work has two halves. ``objectivity_summaries(pupils)`` turns the pupils of some schools
(every pupil of a school in the same part) into one row per school × procedure × subject ×
grade × year; ``objectivity_combine(summaries)`` turns the summaries of all parts into the
comparison table, the flags and the objectivity index. ``objectivity(pupils)`` does both. With
Dask: ``ddf.map_partitions(vsoko.objectivity_summaries, meta=vsoko.summary_meta())`` on a frame
whose index is the school, then ``vsoko.objectivity_combine(parts.compute())``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from . import _vsoko

#: Columns of a summaries frame, the intermediate that Dask moves between workers: decimals as
#: their exact text (``"12.50"``; text pickles ten times faster than ``Decimal`` objects, and a
#: float never appears), counts as integers; ``scores_*`` are the exact count, sum and sum of
#: squares of the participants' scores, which the region's interval is built from. The result of
#: ``objectivity_combine`` has ``Decimal`` columns.
SUMMARY_COLUMNS = [
    "school", "municipality", "procedure", "subject", "grade", "year", "participants", "absent",
    "compared", "no_journal_mark", "lowered", "confirmed", "raised", "lowered_pct",
    "confirmed_pct", "raised_pct", "mean_score", "completion_pct", "spearman",
    "spearman_negative", "max_score", "scores_n", "scores_sum", "scores_sum_sq",
]
#: Columns of the flags frame.
FLAG_COLUMNS = ["school", "sign", "procedure", "subject", "grade", "year", "detail", "detail_en"]
_DECIMAL_COLUMNS = ("lowered_pct", "confirmed_pct", "raised_pct", "mean_score", "completion_pct",
                    "spearman", "max_score", "scores_sum", "scores_sum_sq")
_INT_COLUMNS = ("grade", "year", "participants", "absent", "compared", "no_journal_mark",
                "lowered", "confirmed", "raised", "scores_n")


def _pd() -> Any:
    import pandas as pd

    return pd


def _decimals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        for k in ("lowered_pct", "confirmed_pct", "raised_pct", "mean_score", "completion_pct",
                  "spearman", "max_score", "objectivity_index"):
            if k in r and r[k] is not None:
                r[k] = Decimal(r[k])
    return rows


def _decimal_column(values: list[str | None]) -> list[Decimal | None]:
    return [None if v is None else Decimal(v) for v in values]


def _columns(frame: Any, numeric: list[bool]) -> list[tuple[str, bytes, list[str]]]:
    """Each column without a Python object per cell: a numeric field with a numeric dtype as the
    raw bytes of an ``int64`` or ``float64`` array (NaN or NA = missing); any other column as
    ``pandas.factorize`` codes and the texts they stand for (a frame repeats its schools,
    subjects and pupil codes, so the texts are few)."""
    import numpy as np

    pd = _pd()
    out = []
    for is_numeric, name in zip(numeric, frame.columns):
        col = frame[name]
        dtype = col.dtype
        if is_numeric and pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            if pd.api.types.is_integer_dtype(dtype) and not col.hasnans:
                data = np.ascontiguousarray(col.to_numpy(dtype="int64"))
                out.append(("i8", data.tobytes(), []))
                continue
            data = np.ascontiguousarray(col.to_numpy(dtype="float64", na_value=np.nan))
            out.append(("f8", data.tobytes(), []))
            continue
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        texts = ["" if isinstance(u, float) and u != u else _text(u) for u in uniques]
        out.append(("codes", np.ascontiguousarray(codes, dtype=np.int64).tobytes(), texts))
    return out


def _text(value: Any) -> str:
    """A cell of a text column: a whole float (a pupil code read as 17.0) is its integer."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def objectivity_summaries(pupils: Any, min_compared: int = 10) -> Any:
    """One row per group of the pupils given (see ``SUMMARY_COLUMNS``), from a pandas frame
    with the long-table columns: ``school, municipality, year, procedure, subject, grade, class, pupil, score, max_score,
    mark, journal_mark``, or their Russian headers; the index may be the school). Numeric
    columns are read from their arrays, text columns through their distinct values. Raises
    ``InputError`` naming the row."""
    pd = _pd()
    frame = pupils.reset_index() if pupils.index.name == "school" else pupils
    header = [str(c) for c in frame.columns]
    numeric = _vsoko._pupil_numeric_columns(header)
    columns = _vsoko._objectivity_summaries(header, _columns(frame, numeric), min_compared)
    return pd.DataFrame(columns, columns=SUMMARY_COLUMNS)


def _summary_columns(summaries: Any) -> dict[str, list[Any]]:
    """A summaries frame (or the concatenation of several) back as columns for the core."""
    pd = _pd()
    frame = summaries if hasattr(summaries, "columns") else pd.DataFrame(list(summaries))
    out: dict[str, list[Any]] = {}
    for k in SUMMARY_COLUMNS:
        values = frame[k].tolist()
        if k in _DECIMAL_COLUMNS:
            out[k] = [v if isinstance(v, str) else None if v is None or v != v else str(v) for v in values]
        elif k in _INT_COLUMNS:
            out[k] = [int(v) for v in values]
        elif k == "spearman_negative":
            out[k] = [bool(v) for v in values]
        elif k == "municipality":
            out[k] = [v if isinstance(v, str) else None for v in values]
        else:
            out[k] = [str(v) for v in values]
    return out


def objectivity_combine(summaries: Any, min_compared: int = 10) -> dict[str, Any]:
    """The result from the summaries of every part: ``{"groups": DataFrame, "flags": DataFrame,
    "summary": dict, "municipalities": DataFrame}`` (decimals as ``Decimal``)."""
    pd = _pd()
    groups, flags, indices = _vsoko._objectivity_combine(_summary_columns(summaries), min_compared)
    for k in ("spearman_negative", "max_score", "scores_n", "scores_sum", "scores_sum_sq"):
        del groups[k]
    for k in _DECIMAL_COLUMNS:
        if k in groups:
            groups[k] = _decimal_column(groups[k])
    result = json.loads(indices)
    return {
        "groups": pd.DataFrame(groups),
        "flags": pd.DataFrame(flags, columns=FLAG_COLUMNS),
        "summary": _decimals([result["summary"]])[0],
        "municipalities": pd.DataFrame(_decimals(result["municipalities"])),
    }


def objectivity(pupils: Any, min_compared: int = 10) -> dict[str, Any]:
    """Both halves on one machine."""
    return objectivity_combine(objectivity_summaries(pupils, min_compared), min_compared)


def summary_meta() -> Any:
    """The empty frame Dask needs as ``meta`` for ``map_partitions(objectivity_summaries)``."""
    pd = _pd()

    def dtype(c: str) -> str:
        return "int64" if c in _INT_COLUMNS else "bool" if c == "spearman_negative" else "object"

    return pd.DataFrame({c: pd.Series(dtype=dtype(c)) for c in SUMMARY_COLUMNS})
