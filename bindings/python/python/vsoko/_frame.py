"""Scoring a pandas frame (pandas is optional: imported only when this is called)."""

from __future__ import annotations

from typing import Any

#: Rows converted and scored per step: memory stays flat however long the frame is.
CHUNK_ROWS = 10_000

_FLOAT32 = ("float32", "Float32")


def score_frame(
    df: Any, id_column: str | None = "school", methodology: Any = "index-2023", strict: bool = False
) -> Any:
    """Scores a wide frame: one row per school, one column per indicator id.

    Empty cells (``NaN``, ``None``, ``pd.NA``) are missing; ``"n/a"`` / ``"н/п"`` (any letter
    case) is not applicable. Other columns must be indicator ids of the methodology. Numbers of
    a float32 column are read by their float32 text (``0.1`` stays ``Decimal('0.1')``). The frame
    is converted and scored ``CHUNK_ROWS`` rows at a time.

    Args:
        df: a ``pandas.DataFrame``.
        id_column: the column naming the school (kept as the index of the result), or ``None``.
        methodology: a built-in name or a ``vsoko.Methodology``.
        strict: every indicator must have a value.

    Returns:
        A frame with ``total``, ``level`` and one column per group id, decimals as ``Decimal``.

    Raises:
        InputError: a bad cell (``.index`` is the row position, ``.indicator`` the column, and
            the message names the row's label), an unknown column (``unknown_indicator``) or a
            repeated one (``duplicate_indicator``).
    """
    import numpy as np
    import pandas as pd

    from ._vsoko import Methodology

    m = methodology if isinstance(methodology, Methodology) else Methodology.builtin(methodology)
    names = [str(c) for c in df.columns]
    has_id = id_column is not None and names.count(str(id_column)) == 1
    # Columns by position (a repeated name is passed on twice, and reported by name).
    value_columns = [(name, j) for j, name in enumerate(names) if not (has_id and name == str(id_column))]
    series = [(name, df.iloc[:, j]) for name, j in value_columns]
    float32 = [name for name, s in series if str(s.dtype) in _FLOAT32]
    n = len(df)
    out: dict[str, Any] = {}  # result columns, filled chunk by chunk
    for start in range(0, n, CHUNK_ROWS) if n else [0]:
        end = min(start + CHUNK_ROWS, n)
        if series:
            columns = [(name, _cells(s.iloc[start:end])) for name, s in series]
        else:
            columns = [(m.indicators[0]["id"], [None] * (end - start))]
        part = m._score_table(columns, strict, float32, start, df.index[start:end])
        for key, values in part.items():
            if key not in out:
                out[key] = np.empty(n, dtype=object)
            out[key][start:end] = values
        del columns, part
    index = df.iloc[:, names.index(str(id_column))] if has_id else df.index
    return pd.DataFrame(out, index=pd.Index(index), copy=False)


def _cells(s: Any) -> list[Any]:
    """One column's cells as Python values, every kind of missing (NaN, None, pd.NA) as None."""
    return s.to_numpy(dtype=object, na_value=None).tolist()
