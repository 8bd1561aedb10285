"""The rating of schools and the self-diagnosis, from a pandas frame (or a list of row dicts).

The places, points, groups and levels are the core's (``vsoko::rating``, ``vsoko::selfdiag``);
this module only passes the columns and lays the answer out as frames.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Iterable, Mapping

from ._dynamics import _cells, _column, _text

#: The header names of a region column (as ``vsoko rating`` reads a header).
_REGION_NAMES = ("region", "регион", "субъект")

_UNIT_COLUMNS = (
    "school",
    "municipality",
    "region",
    "value",
    "points",
    "place",
    "place_in_municipality",
    "place_in_group",
    "group",
    "percentile",
)
_MUNICIPALITY_COLUMNS = ("municipality", "region", "value", "points", "place", "place_in_region")
_REGION_COLUMNS = ("region", "value", "points", "place")
_RESILIENT_COLUMNS = ("school", "municipality", "context", "value")
#: Place columns that may be empty (pandas ``Int64``).
_NULLABLE_PLACES = ("place_in_municipality", "place_in_group", "place_in_region")


class Rating:
    """A rating: ``.measure`` (``"total"``, an id, or ``"<by>/relative-sum|mean"``) and four
    pandas frames — ``.units`` (every school, best first), ``.municipalities`` and ``.regions``
    (by the mean of their schools), ``.resilient`` — whose columns are the keys of the JSON of
    ``vsoko rating --format json``. Decimals are ``decimal.Decimal``; ``place`` is an integer
    column, the places that may be empty are ``Int64``. ``.to_dict()`` gives the JSON-shaped
    dict (decimals as ``Decimal``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        # The keys in the order of the JSON (the native dict's are sorted).
        data = {
            "measure": data["measure"],
            "units": _ordered(data["units"], _UNIT_COLUMNS),
            "municipalities": _ordered(data["municipalities"], _MUNICIPALITY_COLUMNS),
            "regions": _ordered(data["regions"], _REGION_COLUMNS),
            "resilient": _ordered(data["resilient"], _RESILIENT_COLUMNS),
        }
        self._data = data
        self.measure: str = data["measure"]
        self.units = _frame(data["units"], _UNIT_COLUMNS)
        self.municipalities = _frame(data["municipalities"], _MUNICIPALITY_COLUMNS)
        self.regions = _frame(data["regions"], _REGION_COLUMNS)
        self.resilient = _frame(data["resilient"], _RESILIENT_COLUMNS)

    def to_dict(self) -> dict[str, Any]:
        """The rating as ``vsoko rating --format json`` writes it, decimals as ``Decimal``."""
        out: dict[str, Any] = _copy(self._data)
        return out

    def __repr__(self) -> str:
        return (
            f"<vsoko.Rating {self.measure!r}: {len(self.units)} schools, "
            f"{len(self.municipalities)} municipalities, {len(self.regions)} regions, "
            f"{len(self.resilient)} resilient>"
        )

    def _repr_html_(self) -> str:
        return f"<p>Рейтинг по показателю «{self.measure}»</p>" + str(self.units._repr_html_())


def _ordered(items: list[dict[str, Any]], keys: Iterable[str]) -> list[dict[str, Any]]:
    keys = list(keys)
    return [{k: item[k] for k in keys} for item in items]


#: The keys of a diagnosis and of a direction's result, in the order of the JSON.
_DIAGNOSIS_KEYS = (
    "id",
    "school",
    "municipality",
    "total",
    "max",
    "level",
    "level_title",
    "passed",
    "directions",
    "critical_failed",
    "weakest",
)
_DIRECTION_KEYS = ("id", "title", "points", "max", "level")
_SUMMARY_KEYS = ("schools", "passed", "passed_pct", "levels", "municipalities", "holding_back", "critical")
_MUNICIPALITY_SUMMARY_KEYS = ("municipality", "schools", "passed", "passed_pct", "levels")


def _diagnosis(d: dict[str, Any]) -> dict[str, Any]:
    out = {k: d[k] for k in _DIAGNOSIS_KEYS if k in d} | d
    out["directions"] = _ordered(d["directions"], _DIRECTION_KEYS)
    return out


def _summary(s: dict[str, Any], levels: list[str]) -> dict[str, Any]:
    out = {k: s[k] for k in _SUMMARY_KEYS if k in s} | s
    out["levels"] = {k: s["levels"][k] for k in levels if k in s["levels"]} | s["levels"]
    out["municipalities"] = [
        m | {"levels": {k: m["levels"][k] for k in levels if k in m["levels"]} | m["levels"]}
        for m in _ordered(s["municipalities"], _MUNICIPALITY_SUMMARY_KEYS)
    ]
    out["holding_back"] = _ordered(s["holding_back"], ("id", "title", "schools"))
    out["critical"] = _ordered(s["critical"], ("id", "title", "schools"))
    return out


def _copy(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _copy(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_copy(v) for v in x]
    return x


def _frame(items: list[dict[str, Any]], columns: Iterable[str]) -> Any:
    import pandas as pd

    columns = list(columns)
    df = pd.DataFrame({c: pd.Series([item[c] for item in items], dtype=object) for c in columns}, columns=columns)
    for c in columns:
        if c == "place":
            df[c] = df[c].astype("int64")
        elif c in _NULLABLE_PLACES:
            df[c] = pd.array(list(df[c]), dtype="Int64")
    return df


def rating(
    data: Any,
    methodology: Any = "index-2023",
    by: str = "total",
    relative: bool = False,
    relative_total: str | None = None,
    context: Iterable[str] = (),
    bands: int = 4,
    school: str = "school",
    municipality: str = "municipality",
    region: str = "region",
) -> Rating:
    """Rates schools by the total, a group or one indicator: places with ties shared (over
    all schools, in the municipality, in the group of similar conditions), relative points
    (``relative=True``: the best school 100), municipalities and regions by the mean of their
    schools, resilient schools (the lowest band of the first numeric context column with a
    result in the top band).

    ``data`` is a pandas frame (or a list of row dicts): a school column, optional
    municipality and region columns, the ``context`` columns, and one column per input id
    (as ``score_frame``). A numeric context column is cut into ``bands`` quantile bands.
    ``relative_total`` (``"sum"`` or ``"mean"``) rates by the sum or mean of each indicator's
    exact relative points. A column that is none of these is warned about and left out.

    >>> import vsoko
    >>> r = vsoko.rating(
    ...     [{"school": "А", "municipality": "Энск", "1.1": 2},
    ...      {"school": "Б", "municipality": "Энск", "1.1": 4}],
    ...     methodology="nocko-1547", by="1.1", relative=True)
    >>> list(r.units["school"]), list(r.units["points"])
    (['Б', 'А'], [Decimal('100.00'), Decimal('50.00')])

    Raises:
        InputError: a row that cannot be scored (``.index`` is its row position), a missing
            context value or column, an unknown ``by``, relative points over a best of 0.
    """
    import pandas as pd

    from ._vsoko import Methodology, _rating

    m = methodology if isinstance(methodology, Methodology) else Methodology.builtin(methodology)
    df = data if isinstance(data, pd.DataFrame) else pd.DataFrame(list(data))
    names = [str(c) for c in df.columns]
    context = [str(c) for c in ([context] if isinstance(context, str) else context)]
    school = _column(names, school, "school")
    municipality = _column(names, municipality, "municipality")
    if region not in names and region == "region":
        lower = {n.strip().lower(): n for n in names}
        region = next((lower[a] for a in _REGION_NAMES if a in lower), region)
    key = {n.strip().lstrip("\ufeff").strip().lower(): n for n in names}
    context_columns = []
    for c in context:
        found = c if c in names else key.get(c.strip().lower())
        if found is None:
            from ._errors import InputError

            raise InputError(
                "invalid_input",
                f"expected a column named {c!r} (context)",
                None,
                f"ожидается столбец «{c}» (указан в context)",
            )
        context_columns.append(found)
    from ._vsoko import _LABEL_NAMES

    labels = {a for aliases in _LABEL_NAMES.values() for a in aliases}
    inputs = {i["id"] for i in m.inputs}
    meta = {school, municipality, region, *context_columns}
    columns = []
    for j, name in enumerate(names):
        if name in meta:
            continue
        id = name.lstrip("\ufeff").strip()
        if id in inputs:
            columns.append((id, _cells(df.iloc[:, j])))
        elif id and id.lower() not in labels:
            warnings.warn(
                f"столбец «{id}» не показатель методики {m.id} и не указан в context: не учтён",
                stacklevel=2,
            )

    def texts(column: str) -> list[str | None]:
        if column not in names:
            return [None] * len(df)
        return [_text(v) for v in _cells(df.iloc[:, names.index(column)])]

    out = _rating(
        m,
        columns,
        texts(school),
        texts(municipality),
        texts(region),
        [(c, texts(f)) for c, f in zip(context, context_columns)],
        by,
        relative,
        relative_total,
        bands,
    )
    return Rating(out)


class SelfDiagnosis:
    """The self-diagnosis of a table of schools: ``.schools`` (a frame, one row per school:
    ``school``, ``municipality``, ``total``, ``max``, ``level``, ``level_title``, ``passed``,
    ``critical_failed``, ``weakest``, then each direction's points), ``.summary`` (the
    summary dict), ``.levels`` (a frame per municipality: ``municipality``, ``schools``,
    ``passed``, ``passed_pct``, then the schools at each level), ``.diagnoses`` (every
    school's full diagnosis as a dict). Also readable as ``result["schools"]``; ``.to_dict()``
    gives ``{"id", "schools": [diagnosis...], "summary"}`` as ``vsoko selfdiag --format json``."""

    def __init__(self, across: dict[str, Any], directions: list[str], levels: list[str]) -> None:
        import pandas as pd

        self.id: str = across["id"]
        self.diagnoses: list[dict[str, Any]] = [_diagnosis(d) for d in across["schools"]]
        self.summary: dict[str, Any] = _summary(across["summary"], levels)
        head = ["school", "municipality", "total", "max", "level", "level_title", "passed", "critical_failed", "weakest"]
        rows = []
        for d in self.diagnoses:
            points = {r["id"]: r["points"] for r in d["directions"]}
            rows.append([d[c] for c in head] + [points.get(i) for i in directions])
        self.schools = pd.DataFrame(rows, columns=head + directions, dtype=object)
        self.schools["passed"] = self.schools["passed"].astype(bool)
        lhead = ["municipality", "schools", "passed", "passed_pct"]
        lrows = [[m[c] for c in lhead] + [m["levels"].get(i, 0) for i in levels] for m in self.summary["municipalities"]]
        self.levels = pd.DataFrame(lrows, columns=lhead + levels, dtype=object)
        for c in ["schools", "passed", *levels]:
            self.levels[c] = self.levels[c].astype("int64")

    def __getitem__(self, key: str) -> Any:
        if key in ("id", "schools", "summary", "levels", "diagnoses"):
            return getattr(self, key)
        raise KeyError(key)

    def keys(self) -> list[str]:
        return ["id", "schools", "summary", "levels", "diagnoses"]

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "schools": [diagnosis...], "summary"}`` (decimals as ``Decimal``)."""
        return {"id": self.id, "schools": list(_copy(self.diagnoses)), "summary": dict(_copy(self.summary))}

    def __repr__(self) -> str:
        s = self.summary
        return f"<vsoko.SelfDiagnosis {self.id!r}: {s['schools']} schools, {s['passed']} passed>"


def selfdiag(answers: Any, definition: Any) -> Any:
    """Scores self-diagnosis answers against a definition (a region's file, or
    ``fixtures/selfdiag/example.json``): each direction's points, the total, the level (capped
    when a critical indicator fails), whether the school passed, the weakest directions.

    ``definition`` is a path, the JSON text or the dict of the definition. ``answers`` is one
    school's dict ``{"school", "municipality", "variant", "answers": {id: answer}}`` — the
    diagnosis comes back as a dict (decimals as ``Decimal``) — or a pandas frame (or a list of
    row dicts) with one row per school (``school``, ``municipality``, ``variant``, then the
    indicator ids) — a ``SelfDiagnosis`` comes back (``.schools``, ``.summary``, ``.levels``).

    >>> import vsoko
    >>> r = vsoko.selfdiag(
    ...     {"school": "СОШ № 1", "answers": {"K1": "Да", ...}},
    ...     "fixtures/selfdiag/example.json")  # doctest: +SKIP
    >>> r["total"], r["level"], r["passed"]  # doctest: +SKIP
    (Decimal('22.5'), 'medium', True)

    Raises:
        InputError: an answer that is no option or a missing one (naming the indicator, for
            a frame its row position in ``.index`` and its column), an unknown column.
        MethodologyError: a definition that is not valid (every problem listed).
    """
    import pandas as pd

    from ._vsoko import _selfdiag, _selfdiag_table

    text = _definition_text(definition)
    if isinstance(answers, Mapping):
        return _diagnosis(_selfdiag(text, json.dumps(dict(answers), ensure_ascii=False, default=str)))
    df = answers if isinstance(answers, pd.DataFrame) else pd.DataFrame(list(answers))
    header = [str(c) for c in df.columns]
    rows = [["" if v is None else (_text(v) or "") for v in _row] for _row in _rows(df)]
    return SelfDiagnosis(*_selfdiag_table(text, header, rows))


def _rows(df: Any) -> list[list[Any]]:
    columns = [_cells(df.iloc[:, j]) for j in range(df.shape[1])]
    return [list(r) for r in zip(*columns)] if columns else [[] for _ in range(len(df))]


def _definition_text(definition: Any) -> str:
    if isinstance(definition, Mapping):
        return json.dumps(dict(definition), ensure_ascii=False)
    if isinstance(definition, bytes):
        return definition.decode("utf-8")
    if isinstance(definition, str) and definition.lstrip().startswith("{"):
        return definition
    if isinstance(definition, (str, os.PathLike)):
        with open(definition, encoding="utf-8-sig") as f:
            return f.read()
    raise TypeError("definition must be a path, the JSON text or a dict")
