"""Scoring a pandas frame (pandas is optional: imported only when this is called)."""

from __future__ import annotations

from typing import Any

#: Rows converted and scored per step: memory stays flat however long the frame is.
CHUNK_ROWS = 10_000
#: The most cells copied at once (in bytes) for a frame of int64/float64 columns only. Kept
#: below glibc's largest mmap threshold (32 MB), so a chunk's buffers reuse the last chunk's
#: memory instead of fresh pages: 1,000,000 rows took 762 ms with 64 MB, 466 ms with 16 MB.
BLOCK_BYTES = 16 << 20

_FLOAT32 = ("float32", "Float32")


def score_frame(
    df: Any, id_column: str | None = "school", methodology: Any = "index-2023", strict: bool = False
) -> Any:
    """Scores a wide frame: one row per school, one column per indicator id.

    Empty cells (``NaN``, ``None``, ``pd.NA``) are missing; ``"n/a"`` / ``"н/п"`` (any letter
    case) is not applicable. Other columns must be indicator ids of the methodology. Numbers of
    a float32 column are read by their float32 text (``0.1`` stays ``Decimal('0.1')``). The frame
    is converted and scored ``CHUNK_ROWS`` rows at a time (a frame of int64/float64 columns
    only, nullable and Arrow-backed ones included: as many rows as 16 MB of numbers hold).

    Numeric columns (NumPy, nullable, Arrow-backed) cross into Rust as arrays and are scored with
    the GIL released on both cores; a float is read as the decimal it was typed as.

    Args:
        df: a ``pandas.DataFrame`` (or a ``polars.DataFrame``: the result is then a polars frame
            with the id column first and ``Decimal`` columns).
        id_column: the column naming the school (kept as the index of the result), or ``None``.
            With the default ``"school"``, the column may be named as the CLI accepts it
            («Школа», «организация»); ``period`` / «Период» and ``municipality`` / «МО» columns
            are recognised too and come back as columns of the result.
        methodology: a built-in name or a ``vsoko.Methodology``.
        strict: every indicator must have a value.

    Returns:
        A frame with the CLI's result columns: ``total``, ``max``, ``share`` (of the maximum,
        4 places; empty when the maximum is 0), ``level``, ``level_title`` and one column per
        group id. The decimal columns are exact Arrow ``decimal128(38, s)`` columns
        (``pd.ArrowDtype``; each cell reads as a ``Decimal``); where pyarrow is missing (an
        install without dependencies) they are ``object`` columns of ``decimal.Decimal``.
        Never a binary float.

    Raises:
        InputError: a bad cell (``.index`` is the row position, ``.indicator`` the column, and
            the message names the row's label), an unknown column (``unknown_indicator``) or a
            repeated one (``duplicate_indicator``).
    """
    import numpy as np
    import pandas as pd

    from ._vsoko import Methodology

    # polars in, polars out (through Arrow: the Decimal columns become polars Decimal columns).
    polars = type(df).__module__.split(".")[0] == "polars"
    if polars:
        df = df.to_pandas()
    m = methodology if isinstance(methodology, Methodology) else Methodology.builtin(methodology)
    names = [str(c) for c in df.columns]
    labels = _labels(m, names) if id_column == "school" else {}
    id_at = names.index(str(id_column)) if id_column is not None and names.count(str(id_column)) == 1 else labels.get("school")
    has_id = id_at is not None
    skip = {id_at, *labels.values()}
    # Columns by position (a repeated name is passed on twice, and reported by name).
    value_columns = [(name, j) for j, name in enumerate(names) if j not in skip]
    every = list(df.dtypes)
    dtypes = [every[j] for _, j in value_columns]
    float32 = [name for (name, _), t in zip(value_columns, dtypes) if str(t) in _FLOAT32]
    numbers = _number_columns(df, value_columns)
    n = len(df)
    pa = _pyarrow()
    out: dict[str, Any] = {}  # result columns, filled chunk by chunk
    # A frame of number columns only needs no Python object per cell, so its chunks are as
    # large as BLOCK_BYTES of copied numbers allows (fewer round trips); any other keeps
    # CHUNK_ROWS, which bounds the Python objects held at once.
    rows = CHUNK_ROWS
    if value_columns and len(numbers) == len(value_columns):
        rows = max(CHUNK_ROWS, BLOCK_BYTES // (8 * len(numbers)))
    for start in range(0, n, rows) if n else [0]:
        end = min(start + rows, n)
        if value_columns:
            columns = _columns(df, value_columns, numbers, start, end)
        else:
            columns = [(m.indicators[0]["id"], [None] * (end - start))]
        part = m._score_table(columns, strict, float32, start, df.index[start:end], arrow=pa is not None)
        for key, values in part.items():
            if pa is not None:
                out.setdefault(key, []).append(values)
                continue
            if key not in out:
                out[key] = np.empty(n, dtype=object)
            out[key][start:end] = values
        del columns, part
    if pa is not None:
        out = {key: _arrow_column(pa, chunks, n) for key, chunks in out.items()}
    for role in ("municipality", "period"):
        if role in labels:
            out = {role: df.iloc[:, labels[role]].to_numpy(dtype=object), **out}
    index = df.iloc[:, id_at] if id_at is not None else df.index
    result = pd.DataFrame(out, index=pd.Index(index), copy=False)
    if polars:
        import polars as pl

        return pl.from_pandas(result.reset_index() if has_id else result)
    return result


def _labels(m: Any, names: list[str]) -> dict[str, int]:
    """The label columns under any of their names (``school`` / «Школа» / «организация»,
    ``period`` / «Период», ``municipality`` / «МО»), read by the core as the CLI reads a header.
    A header the core rejects is left to the scoring below, which names the bad column."""
    from ._errors import VsokoError

    try:
        roles = m._label_columns(names)
    except VsokoError:
        return {}
    return {k: v for k, v in roles.items() if v is not None}


def _pyarrow() -> Any:
    """pyarrow (results as exact ``decimal128`` columns), or ``None`` where it is missing: it is a
    dependency of the package, so only an install without dependencies falls back to ``Decimal``
    objects."""
    try:
        import pyarrow
    except ImportError:
        return None
    return pyarrow


def _arrow_column(pa: Any, chunks: list[Any], n: int) -> Any:
    """One result column from its chunks. Decimal chunks, each ``(scale, bytes, validity)`` of
    little-endian 128-bit unscaled values, become one ``decimal128(38, s)`` column at the
    largest scale (widening a scale is exact); a chunk's ``validity`` bitmap, when not ``None``,
    marks its rows without a value (a share of a zero maximum). Level chunks, each ``(codes, ids)`` (int32
    positions in ``ids``, -1 for none; ``ids`` are level ids or titles), become the column pandas makes of those (and
    ``None``): built from Arrow when every row has a level and pandas makes string columns
    (pandas 3), else from an ``object`` array."""
    import numpy as np
    import pandas as pd

    if isinstance(chunks[0][0], bytes):
        ids = chunks[0][1]
        codes = np.frombuffer(b"".join(c for c, _ in chunks), dtype=np.int32)
        dtype = _level_dtype()
        if dtype == object or (codes < 0).any():
            # Rows without a level: pandas decides from the values, as for any object column.
            values = np.empty(n, dtype=object)
            values[:] = np.array([*ids, None], dtype=object)[codes]
            return values
        levels = pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(ids, pa.string()))
        return pd.array(levels.cast(pa.string()), dtype=dtype)
    scale = max(s for s, _, _ in chunks)
    arrays = [
        pa.Array.from_buffers(
            pa.decimal128(38, s), len(b) // 16, [None if v is None else pa.py_buffer(v), pa.py_buffer(b)]
        ).cast(pa.decimal128(38, scale))
        for s, b, v in chunks
    ]
    return pd.arrays.ArrowExtensionArray(pa.chunked_array(arrays, type=pa.decimal128(38, scale)))


def _level_dtype() -> Any:
    """The dtype pandas gives a column of strings: ``str`` in pandas 3, ``object`` before."""
    import numpy as np
    import pandas as pd

    return pd.DataFrame({"level": np.array(["low"], dtype=object)})["level"].dtype


def _number_columns(df: Any, value_columns: list[tuple[str, int]]) -> dict[int, tuple[str, Any]]:
    """The value columns that cross as int64 or float64 arrays (see ``_number_kind``), by
    position in ``value_columns``, found in one pass: each as its kind and either a NumPy view
    of the whole column (NumPy ``float64``/``int64``: no copy) or the column itself, converted
    chunk by chunk (nullable and Arrow-backed: memory stays flat)."""
    import numpy as np

    wanted = {j: k for k, (_, j) in enumerate(value_columns)}
    out: dict[int, tuple[str, Any]] = {}
    for j, (_, s) in enumerate(df.items()):
        k = wanted.get(j)
        if k is None:
            continue
        if s.dtype == np.float64 or s.dtype == np.int64:
            out[k] = ("f8" if s.dtype == np.float64 else "i8", s.to_numpy())
        elif (kind := _number_kind(s)) is not None:
            out[k] = (kind, s)
    return out


def _number_kind(s: Any) -> str | None:
    """How a column crosses as an array: ``"i8"`` (integers without gaps), ``"f8"`` (floats,
    and integers with gaps while every value is below 2^53; NaN and NA are missing) or
    ``None`` (float32, read by its own text, and columns that are not exact numbers)."""
    import pandas as pd

    from ._arrays import is_number_column

    if str(s.dtype) in _FLOAT32 or not is_number_column(s):
        return None
    return "i8" if pd.api.types.is_integer_dtype(s.dtype) and not s.hasnans else "f8"


def _number_array(s: Any, kind: str) -> Any:
    """A column (or a chunk of one) as a NumPy array of ``kind`` (NaN for missing floats)."""
    import numpy as np

    if kind == "i8":
        return s.to_numpy(dtype="int64")
    return s.to_numpy(dtype="float64", na_value=np.nan)


def _columns(
    df: Any, value_columns: list[tuple[str, int]], numbers: dict[int, tuple[str, Any]], start: int, end: int
) -> list[Any]:
    """Rows ``start:end`` of the value columns for ``_score_table``. The number columns
    (``numbers``, from ``_number_columns``) cross as one block per kind, copied once, column
    after column, each as ``(kind, bytes, stride, offset, rows)``; the others one by one
    (``_column``)."""
    import numpy as np

    out: list[Any] = [None] * len(value_columns)
    rows = end - start
    for kind in ("f8", "i8"):
        ks = [k for k, (kd, _) in numbers.items() if kd == kind]
        if not ks:
            continue
        chunks = (
            a[start:end] if isinstance(a, np.ndarray) else _number_array(a.iloc[start:end], kind)
            for _, a in (numbers[k] for k in ks)
        )
        data = b"".join(np.ascontiguousarray(c) for c in chunks)
        for i, k in enumerate(ks):
            out[k] = (value_columns[k][0], (kind, data, 1, i * rows, rows))
    for k, (name, j) in enumerate(value_columns):
        if out[k] is None:
            out[k] = (name, _column(df.iloc[start:end, j]))
    return out


def _column(s: Any) -> Any:
    """A numeric column (NumPy ``int64``/``float64``/``float32``, nullable ``Int64``/``Float64``,
    Arrow-backed) as the bytes of one NumPy array, read in Rust without a Python object per cell
    (NaN and NA are missing); any other column as its cells."""
    import numpy as np

    from ._arrays import is_number_column

    if str(s.dtype) in _FLOAT32 and is_number_column(s):
        return ("f4", np.ascontiguousarray(s.to_numpy(dtype="float32", na_value=np.nan)).tobytes())
    kind = _number_kind(s)
    if kind is None:
        return _cells(s)
    return (kind, np.ascontiguousarray(_number_array(s, kind)).tobytes())


def _cells(s: Any) -> list[Any]:
    """One column's cells as Python values, every kind of missing (NaN, None, pd.NA) as None."""
    return s.to_numpy(dtype=object, na_value=None).tolist()
