"""Which pandas columns cross into Rust as the bytes of one NumPy array (no Python object per
cell), shared by ``score_frame`` and the objectivity summaries."""

from __future__ import annotations

from typing import Any


def is_number_column(col: Any) -> bool:
    """A numeric column that crosses as an array exactly: not bool; an unsigned column only
    below 2^63 (it crosses as int64); an integer column with missing cells (read as float64)
    only while every value is below 2^53 (exact as a float)."""
    import pandas as pd

    dtype = col.dtype
    if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return False
    if not col.notna().any():
        return True
    if pd.api.types.is_unsigned_integer_dtype(dtype) and int(col.max()) >= 2**63:
        return False  # would wrap as int64
    if pd.api.types.is_integer_dtype(dtype) and col.hasnans:
        return bool(col.abs().max(skipna=True) < 2**53)
    return True
