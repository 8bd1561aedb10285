"""Dynamics across periods and the dashboard, from a pandas frame (or a list of row dicts).

The frame has one row per school and period: a school column, a period column, an optional
municipality column, and one column per input id (as for ``score_frame``). The comparison, the
rating and the HTML are the core's; this module only passes the columns.
"""

from __future__ import annotations

import warnings
from typing import Any


def dynamics(
    data: Any,
    methodology: Any = "index-2023",
    school: str = "school",
    municipality: str = "municipality",
    period: str = "period",
    by: str | None = None,
) -> dict[str, Any]:
    """Each school's totals per period, the change between the two last periods (``delta``,
    ``level_change``, ``declines``: groups whose points fell, worst first), each municipality's
    schools, levels, mean (2 places) and exact median per period, and a ``rating`` of
    municipalities (by the mean total, or by the mean points of group ``by``).

    Decimals are ``Decimal``. Rows with no school or period, a school twice in a period, or a
    period written in another form are left out and listed in ``issues`` (with ``row``, the
    1-based position); a municipality spelled like another is kept apart and listed too.

    Raises:
        InputError: a bad cell (``.index`` is its row position) or an unknown ``by``.
    """
    return _run(data, methodology, school, municipality, period, by, html=False)


class Dashboard:
    """The offline HTML dashboard: ``.html`` (one self-contained page), ``save(path)``, and it
    shows itself in Jupyter."""

    def __init__(self, html: str) -> None:
        self.html = html

    def save(self, path: str) -> None:
        """Writes the page (UTF-8)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.html)

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def dashboard(
    data: Any,
    methodology: Any = "index-2023",
    school: str = "school",
    municipality: str = "municipality",
    period: str = "period",
    by: str | None = None,
) -> Dashboard:
    """The dashboard of ``dynamics(...)`` as one offline HTML page (inline CSS and SVG, Russian):
    levels per period, the municipal rating, the distribution of totals, the weakest criteria,
    the largest declines and level drops, a section per municipality. Issues are warned about."""
    out = _run(data, methodology, school, municipality, period, by, html=True)
    for issue in out["issues"]:
        warnings.warn(issue["message_ru"], stacklevel=2)
    return Dashboard(out["html"])


def _run(data: Any, methodology: Any, school: str, municipality: str, period: str, by: str | None, html: bool) -> Any:
    import pandas as pd

    from ._vsoko import Methodology, _dynamics

    m = methodology if isinstance(methodology, Methodology) else Methodology.builtin(methodology)
    df = data if isinstance(data, pd.DataFrame) else pd.DataFrame(list(data))
    names = [str(c) for c in df.columns]
    school, municipality, period = (
        _column(names, given, role) for given, role in ((school, "school"), (municipality, "municipality"), (period, "period"))
    )
    meta = {school, municipality, period}
    columns = [(name, _cells(df.iloc[:, j])) for j, name in enumerate(names) if name not in meta]

    def texts(column: str) -> list[str | None]:
        if column not in names:
            return [None] * len(df)
        return [_text(v) for v in _cells(df.iloc[:, names.index(column)])]

    return _dynamics(m, columns, texts(school), texts(municipality), texts(period), by, html)


def _column(names: list[str], given: str, role: str) -> str:
    """The column for a role: the name given if the frame has it, else one of the names the core
    reads for it (``_LABEL_NAMES``, as `vsoko batch` reads a header)."""
    from ._vsoko import _LABEL_NAMES

    if given in names or given != role:
        return given
    lower = {n.strip().lower(): n for n in names}
    return next((lower[a] for a in _LABEL_NAMES[role] if a in lower), given)


def _cells(s: Any) -> list[Any]:
    return s.to_numpy(dtype=object, na_value=None).tolist()


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # a year read as 2023.0 by pandas
    return str(v)
