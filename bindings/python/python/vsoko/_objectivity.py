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
from ._arrays import is_number_column

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
FLAG_COLUMNS = ["school", "sign", "procedure", "subject", "grade", "year", "message", "message_ru"]
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
        if is_numeric and is_number_column(col):
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
        col = frame[k]
        if k in _INT_COLUMNS:
            out[k] = col.to_numpy(dtype="int64").tolist()
        elif k == "spearman_negative":
            out[k] = col.to_numpy(dtype=bool).tolist()
        elif k == "municipality":
            out[k] = col.astype(object).where(col.notna(), None).tolist()
        elif k in _DECIMAL_COLUMNS:
            # Text as the summaries keep it; a Decimal (a frame made by hand) by its exact text.
            values = col.astype(object).where(col.notna(), None).tolist()
            out[k] = [v if v is None or type(v) is str else str(v) for v in values]
        else:
            out[k] = col.astype(str).tolist()
    return out


def objectivity_combine(summaries: Any, min_compared: int = 10) -> dict[str, Any]:
    """The result from the summaries of every part: ``{"groups": DataFrame, "flags": DataFrame,
    "summary": dict, "municipalities": DataFrame}``. Decimals are exact: Arrow ``decimal128``
    columns when pyarrow is installed (each cell reads as a ``Decimal``), else ``Decimal``
    objects; the summary and municipalities hold ``Decimal``."""
    pd = _pd()
    frame = summaries if hasattr(summaries, "columns") else pd.DataFrame(list(summaries))
    order, flags, indices = _vsoko._objectivity_combine(_summary_columns(frame), min_compared)
    # The comparison table is the summaries in the core's order, without the sums kept for the
    # combine.
    groups = frame.iloc[order].reset_index(drop=True)
    groups = groups.drop(columns=["spearman_negative", "max_score", "scores_n", "scores_sum", "scores_sum_sq"])
    for k in ("grade", "year", "participants", "absent", "compared", "no_journal_mark",
              "lowered", "confirmed", "raised"):
        groups[k] = groups[k].astype("int64")
    groups["municipality"] = groups["municipality"].to_numpy(dtype=object, na_value=None)
    for k, places in _PLACES.items():
        groups[k] = _exact(groups[k], places)
    result = json.loads(indices)
    return {
        "groups": groups,
        "flags": pd.DataFrame(flags, columns=FLAG_COLUMNS),
        "summary": _decimals([result["summary"]])[0],
        "municipalities": pd.DataFrame(_decimals(result["municipalities"])),
    }


#: The decimal columns of the comparison table and their places (as the core writes them).
_PLACES = {"lowered_pct": 2, "confirmed_pct": 2, "raised_pct": 2, "mean_score": 2,
           "completion_pct": 2, "spearman": 4}


def _exact(texts: Any, places: int) -> Any:
    """A column of exact decimal texts (or missing) as Arrow ``decimal128(38, places)`` when
    pyarrow is installed (a vectorised cast from text), else as ``Decimal`` objects."""
    pd = _pd()
    values = texts.to_numpy(dtype=object, na_value=None)
    try:
        import pyarrow as pa
    except ImportError:
        return _decimal_column([v if v is None or isinstance(v, str) else str(v) for v in values])
    try:
        array = pa.array(values, type=pa.string(), from_pandas=True)
    except (TypeError, pa.ArrowInvalid, pa.ArrowTypeError):
        array = pa.array([v if v is None or isinstance(v, str) else str(v) for v in values], type=pa.string())
    return pd.arrays.ArrowExtensionArray(array.cast(pa.decimal128(38, places)))


def objectivity(pupils: Any, min_compared: int = 10) -> dict[str, Any]:
    """Both halves on one machine."""
    return objectivity_combine(objectivity_summaries(pupils, min_compared), min_compared)


def summary_meta() -> Any:
    """The empty frame Dask needs as ``meta`` for ``map_partitions(objectivity_summaries)``."""
    pd = _pd()

    def dtype(c: str) -> str:
        return "int64" if c in _INT_COLUMNS else "bool" if c == "spearman_negative" else "object"

    return pd.DataFrame({c: pd.Series(dtype=dtype(c)) for c in SUMMARY_COLUMNS})
