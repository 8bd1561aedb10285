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

#: Columns of a summaries frame (decimals as ``Decimal``; the exact score sums as strings).
SUMMARY_COLUMNS = [
    "school", "municipality", "procedure", "subject", "grade", "year", "participants", "absent",
    "compared", "no_journal_mark", "lowered", "confirmed", "raised", "lowered_pct",
    "confirmed_pct", "raised_pct", "mean_score", "completion_pct", "spearman",
    "spearman_negative", "max_score", "scores",
]


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


def objectivity_summaries(pupils: Any, min_compared: int = 10) -> Any:
    """One row per group of the pupils given (a pandas frame with the long-table columns:
    ``school, municipality, year, procedure, subject, grade, class, pupil, score, max_score,
    mark, journal_mark``; the index may be the school). Raises ``InputError`` naming the row."""
    pd = _pd()
    frame = pupils.reset_index() if pupils.index.name == "school" else pupils
    header = [str(c) for c in frame.columns]
    # Vectorised: pandas turns every cell into its text (floats by their shortest repr,
    # missing cells into ""), then one list per column crosses into Rust.
    columns = [frame[c].astype("string").fillna("").tolist() for c in frame.columns]
    rows = json.loads(_vsoko._objectivity_summaries(header, columns, min_compared))
    for r in rows:
        r["scores"] = json.dumps(r["scores"])
    return pd.DataFrame(_decimals(rows), columns=SUMMARY_COLUMNS)


def _summaries_json(summaries: Any) -> str:
    rows = summaries.to_dict("records") if hasattr(summaries, "to_dict") else list(summaries)
    out = []
    for r in rows:
        r = dict(r)
        if isinstance(r.get("scores"), str):
            r["scores"] = json.loads(r["scores"])
        for k in ("grade", "year", "participants", "absent", "compared", "no_journal_mark",
                  "lowered", "confirmed", "raised"):
            r[k] = int(r[k])
        r["spearman_negative"] = bool(r["spearman_negative"])
        if not isinstance(r.get("municipality"), str):
            r["municipality"] = None
        out.append(r)
    return json.dumps(out, default=str, ensure_ascii=False)


def objectivity_combine(summaries: Any, min_compared: int = 10) -> dict[str, Any]:
    """The result from the summaries of every part: ``{"groups": DataFrame, "flags": DataFrame,
    "summary": dict, "municipalities": DataFrame}`` (decimals as ``Decimal``)."""
    pd = _pd()
    result = json.loads(_vsoko._objectivity_combine(_summaries_json(summaries), min_compared))
    groups = pd.DataFrame(_decimals(result["groups"])).drop(columns=["scores", "spearman_negative", "max_score"])
    return {
        "groups": groups,
        "flags": pd.DataFrame(result["flags"], columns=["school", "sign", "procedure", "subject", "grade", "year", "detail", "detail_en"]),
        "summary": _decimals([result["summary"]])[0],
        "municipalities": pd.DataFrame(_decimals(result["municipalities"])),
    }


def objectivity(pupils: Any, min_compared: int = 10) -> dict[str, Any]:
    """Both halves on one machine."""
    return objectivity_combine(objectivity_summaries(pupils, min_compared), min_compared)


def summary_meta() -> Any:
    """The empty frame Dask needs as ``meta`` for ``map_partitions(objectivity_summaries)``."""
    return _pd().DataFrame({c: _pd().Series(dtype=object) for c in SUMMARY_COLUMNS})
