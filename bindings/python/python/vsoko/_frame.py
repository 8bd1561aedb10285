"""Scoring a pandas frame (pandas is optional: imported only when this is called)."""

from __future__ import annotations

from typing import Any


def score_frame(
    df: Any, id_column: str | None = "school", methodology: Any = "index-2023", strict: bool = False
) -> Any:
    """Scores a wide frame: one row per school, one column per indicator id.

    Empty cells (NaN/None) are missing. Other columns must be indicator ids of the methodology.

    Args:
        df: a ``pandas.DataFrame``.
        id_column: the column naming the school (kept as the index of the result), or ``None``.
        methodology: a built-in name or a ``vsoko.Methodology``.
        strict: every indicator must have a value.

    Returns:
        A frame with ``total``, ``level`` and one column per group id, decimals as ``Decimal``.

    Raises:
        InputError: a bad cell or an unknown column (``.index`` is the row position).
    """
    import pandas as pd

    from ._vsoko import Methodology

    m = methodology if isinstance(methodology, Methodology) else Methodology.builtin(methodology)
    value_columns = [c for c in df.columns if c != id_column]
    columns = {str(c): df[c].astype(object).tolist() for c in value_columns}
    if not columns:
        columns = {m.indicators[0]["id"]: [None] * len(df)}
    table = m._score_table(columns, strict)
    index = df[id_column] if id_column is not None and id_column in df.columns else df.index
    return pd.DataFrame(table, index=pd.Index(index))
