"""The ВСОКО plan: ``vsoko.Plan`` and ``vsoko.plan_actions``. Every rule is in the Rust core,
which holds the plan (``_vsoko._Plan``); this module reads files and gives Python types
(``Decimal`` for points lost)."""

from __future__ import annotations

import copy
import csv
import json
import os
from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

from . import _vsoko


def _loads(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


class Plan:
    """A school's ВСОКО plan for one academic year (see the README's "Plan" section). It holds the
    core's plan (read and completed once, in Rust); checks and views run on it directly.

    >>> p = Plan.template("cyclogram-2023", "2024/25")
    >>> len(p.items), p.academic_year
    (88, '2024/25')
    >>> p.items[0]["schedule"]["months"]
    ['2024-08']
    """

    _plan: _vsoko._Plan
    _view: dict[str, Any] | None

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._plan = _vsoko._Plan.from_json(_dumps(data))
        self._view = None

    @classmethod
    def _of(cls, native: _vsoko._Plan) -> Plan:
        plan = cls.__new__(cls)
        plan._plan = native
        plan._view = None
        return plan

    @classmethod
    def from_json(cls, text: str) -> Plan:
        """Reads the plan JSON (the format ``vsoko plan import`` prints)."""
        return cls._of(_vsoko._Plan.from_json(text))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """From a dict in the plan JSON shape."""
        return cls(data)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]], academic_year: str | None = None) -> Plan:
        """From the rows of a table (header and heading rows included), as a school keeps it."""
        numbered = [(i + 1, ["" if c is None else str(c) for c in row]) for i, row in enumerate(rows)]
        return cls._of(_vsoko._Plan.from_rows(numbered, academic_year))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], academic_year: str | None = None) -> Plan:
        """From a ``.json`` plan, a ``.csv`` table (``,``, ``;`` or tab; UTF-8, BOM allowed) or the
        tables of a Word ``.docx`` (merged cells read as the importer expects). ``.xlsx`` needs
        ``openpyxl``."""
        path = os.fspath(path)
        ext = os.path.splitext(path)[1].lower()
        if ext == ".json":
            with open(path, encoding="utf-8-sig") as f:
                plan = cls.from_json(f.read())
            return plan
        if ext == ".docx":
            with open(path, "rb") as f:
                rows = _vsoko._docx_tables(f.read())
            return cls._of(_vsoko._Plan.from_rows(rows, academic_year))
        if ext in (".xlsx", ".xlsm"):
            import openpyxl  # type: ignore[import-untyped]

            sheet = openpyxl.load_workbook(path, read_only=True, data_only=True).worksheets[0]
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            return cls.from_rows(rows, academic_year)
        with open(path, encoding="utf-8-sig", newline="") as f:
            text = f.read()
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        return cls.from_rows(csv.reader(text.splitlines(), dialect), academic_year)

    @classmethod
    def template(cls, name: str = _vsoko.PLAN_DEFAULT_TEMPLATE, academic_year: str = "2024/25") -> Plan:
        """A built-in starting plan («Циклограмма ВСОКО на 2023/24 учебный год») for a year."""
        return cls._of(_vsoko._Plan.template(name, academic_year))

    def _data(self) -> dict[str, Any]:
        """The plan as Python data (points lost as ``Decimal``), made once."""
        if self._view is None:
            data = _loads(self._plan.to_json())
            for item in data["items"]:
                deficit = item.get("deficit")
                if deficit is not None:
                    deficit["lost"] = Decimal(deficit["lost"])
            self._view = data
        return self._view

    @property
    def academic_year(self) -> str:
        return self._plan.academic_year

    @property
    def items(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._data()["items"])

    def check(self, as_of: Any = None, max_items_per_month: int = _vsoko.PLAN_DEFAULT_MAX_ITEMS_PER_MONTH) -> dict[str, Any]:
        """Findings as ``{"complete", "has_errors", "findings": [{"code", "severity", "item",
        "section", "field", "message", "message_ru"}]}`` (``message`` English, ``message_ru`` Russian); ``as_of`` (date or ``"YYYY-MM-DD"``) adds overdue."""
        return _loads(self._plan.check(None if as_of is None else str(as_of), max_items_per_month))

    def _drawn(self, name: str, format: str, responsible: str | None = None, as_of: Any = None) -> Any:
        """A view drawn by the core: ``"dict"`` (its data), ``"markdown"`` or ``"html"`` (a page)."""
        core_format = "json" if format == "dict" else format
        text = self._plan.view(name, core_format, responsible, None if as_of is None else str(as_of))
        return _loads(text) if format == "dict" else text

    def cyclogram(self, format: str = "dict") -> Any:
        """The cyclogram: ``"dict"`` (columns and rows), ``"markdown"`` or ``"html"`` (a page)."""
        return self._drawn("cyclogram", format)

    def agenda(self, responsible: str, format: str = "dict") -> Any:
        """The items of one person (any part of the name or role): ``"dict"``, ``"markdown"`` or ``"html"``."""
        return self._drawn("agenda", format, responsible=responsible)

    def due(self, as_of: Any, format: str = "dict") -> Any:
        """What is due in the month of ``as_of`` and what is overdue by then: ``"dict"``, ``"markdown"`` or ``"html"``."""
        return self._drawn("due", format, as_of=as_of)

    def completion(self, as_of: Any = None, format: str = "dict") -> Any:
        """Done ÷ due per month, object and responsible (``pct`` as ``Decimal``, 2 places); with
        ``as_of``, of what was due by then, and the items overdue. ``"dict"``, ``"markdown"`` or
        ``"html"``.

        >>> p = Plan.from_dict({"academic_year": "2024/25", "items": [
        ...     {"id": "1", "when": "сентябрь", "content": "Входной контроль", "responsible": ["Зам. по УВР"]}]})
        >>> c = p.mark("1", "done", on="2024-09-20").completion()
        >>> c["months"][0]["pct"], c["total"]["pct"]
        (Decimal('100.00'), Decimal('100.00'))
        """
        drawn = self._drawn("completion", format, as_of=as_of)
        if format != "dict":
            return drawn
        for key in ("months", "objects", "responsible"):
            for row in drawn[key]:
                row["pct"] = Decimal(row["pct"])
        if drawn["total"]["pct"] is not None:
            drawn["total"]["pct"] = Decimal(drawn["total"]["pct"])
        return drawn

    def mark(self, item: str, status: str, on: Any = None, moved_to: Any = None, note: str | None = None) -> Plan:
        """A new plan with ``item`` marked ``"done"`` (``on`` the day), ``"not_done"``, ``"moved"``
        (``moved_to`` the new day), ``"cancelled"`` or ``"planned"`` (the mark taken back)."""
        return Plan._of(
            self._plan.marked(
                str(item),
                status,
                None if on is None else str(on),
                None if moved_to is None else str(moved_to),
                note,
            )
        )

    def in_year(self, academic_year: str) -> Plan:
        """The part of a plan over several years (``until_year``) in one of them."""
        return Plan._of(self._plan.in_year(academic_year))

    def effect(self, before: Any, after: Any, weak_below: Any = None) -> tuple[dict[str, Any], Plan]:
        """The effect of the plan's measures: ``({"measures": [{"item", "target", "before",
        "after", "outcome"}], "unmeasured": [...]}, plan)`` — ``before``/``after`` as ``Decimal``,
        ``outcome`` one of ``closed``, ``narrowed``, ``unchanged``, ``widened`` — and the plan with
        each re-control item's ``effect``. ``before`` and ``after`` are results (a ``vsoko.Report``,
        the dict or JSON of ``vsoko marks`` / ``vsoko tasks`` / ``vsoko score``) or lists of them."""
        text, native = self._plan.effect(_results(before), _results(after), None if weak_below is None else str(weak_below))
        data = _loads(text)
        for m in data["measures"]:
            m["before"], m["after"] = Decimal(m["before"]), Decimal(m["after"])
        return data, Plan._of(native)

    def next_year(self, academic_year: str, results: Any = (), template: str | None = None, weak_below: Any = None) -> tuple[Plan, list[dict[str, Any]]]:
        """Next year's plan (this plan's items, or ``template``'s, laid on ``academic_year``, with
        the actions whose gap ``results`` still show carried over) and what became of each action
        (``gap`` as ``Decimal`` or ``None``)."""
        native, text = self._plan.next_year(academic_year, _results(results), template, None if weak_below is None else str(weak_below))
        report = _loads(text)
        for r in report:
            if r["gap"] is not None:
                r["gap"] = Decimal(r["gap"])
        return Plan._of(native), report

    def to_dict(self) -> dict[str, Any]:
        """The plan as a dict (points lost as ``Decimal``)."""
        return copy.deepcopy(self._data())

    def to_json(self) -> str:
        """The plan JSON (as ``vsoko plan import`` prints it, compact)."""
        return self._plan.to_json()

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (Plan.from_json, (self.to_json(),))

    def _repr_html_(self) -> str:
        return str(self.cyclogram("html"))

    def __repr__(self) -> str:
        return f"<vsoko.Plan {self.academic_year}: {len(self._plan)} items>"


def _results(value: Any) -> list[str]:
    """Results as the core reads them: JSON texts (of a ``vsoko.Report``, a dict, or text)."""
    if value is None:
        return []
    if isinstance(value, (str, bytes, Mapping)) or hasattr(value, "to_json"):
        value = [value]
    out = []
    for r in value:
        if hasattr(r, "to_json"):
            out.append(r.to_json())
        elif isinstance(r, bytes):
            out.append(r.decode("utf-8-sig"))
        elif isinstance(r, str):
            out.append(r)
        else:
            out.append(_dumps(r))
    return out


def plan_actions(result: Any, as_of: Any, top: int = _vsoko.PLAN_DEFAULT_TOP, plan: Plan | None = None) -> Plan:
    """Turns the deficits of a scored result into addressed actions with re-control.

    Args:
        result: a ``vsoko.Report``, its ``to_dict()``, or its JSON.
        as_of: the date the actions start after (``datetime.date`` or ``"YYYY-MM-DD"``).
        top: how many criteria (those that lost most points).
        plan: a plan to merge the actions into.
    """
    if not isinstance(result, (str, _vsoko.Report)):
        result = result.to_json() if hasattr(result, "to_json") else _dumps(result)
    return Plan._of(_vsoko._Plan.actions(result, str(as_of), top, None if plan is None else plan._plan))
