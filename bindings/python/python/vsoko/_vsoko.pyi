"""Type stubs of the native module (checked against it by mypy.stubtest)."""

import os
from decimal import Decimal
from typing import Any, Iterable, Literal, Mapping, TypedDict, final

__all__ = [
    "PLAN_DEFAULT_TEMPLATE",
    "PLAN_DEFAULT_TOP",
    "PLAN_DEFAULT_MAX_ITEMS_PER_MONTH",
    "_LABEL_NAMES",
    "Methodology",
    "Report",
    "score",
    "score_many",
    "score_document",
    "methodologies",
    "_check_selfexam",
    "version",
    "_Plan",
    "SelfExamCheck",
    "_objectivity_summaries",
    "_pupil_numeric_columns",
    "_objectivity_combine",
    "_dynamics",
    "_rating",
    "_selfdiag",
    "_selfdiag_table",
    "_document",
    "_docx_tables",
    "_marks",
    "_marks_sheets",
    "_tasks",
    "_tasks_summaries",
    "_tasks_combine",
    "_teachers",
    "_survey",
]

def _pupil_numeric_columns(header: list[str]) -> list[bool]: ...
def _objectivity_summaries(header: list[str], columns: list[tuple[str, bytes, list[str]]], min_compared: int = 10) -> dict[str, list[Any]]: ...
def _objectivity_combine(summaries: dict[str, list[Any]], min_compared: int = 10) -> tuple[list[int], dict[str, list[Any]], str]: ...

PLAN_DEFAULT_TEMPLATE: str
PLAN_DEFAULT_TOP: int
PLAN_DEFAULT_MAX_ITEMS_PER_MONTH: int
_LABEL_NAMES: dict[str, tuple[str, ...]]

@final
class _Plan:
    @staticmethod
    def from_json(text: str) -> _Plan: ...
    @staticmethod
    def from_rows(rows: list[tuple[int, list[str]]], academic_year: str | None = None) -> _Plan: ...
    @staticmethod
    def template(name: str, academic_year: str) -> _Plan: ...
    @staticmethod
    def actions(result: Report | str, as_of: str, top: int = ..., plan: _Plan | None = None) -> _Plan: ...
    @property
    def academic_year(self) -> str: ...
    def check(self, as_of: str | None = None, max_items_per_month: int = ...) -> str: ...
    def view(self, name: str, format: str, responsible: str | None = None, as_of: str | None = None) -> str: ...
    def marked(self, id: str, status: str, on: str | None = None, moved_to: str | None = None, note: str | None = None) -> _Plan: ...
    def in_year(self, academic_year: str) -> _Plan: ...
    def effect(self, before: list[str], after: list[str], weak_below: str | None = None) -> tuple[str, _Plan]: ...
    def next_year(self, academic_year: str, later: list[str], template: str | None = None, weak_below: str | None = None) -> tuple[_Plan, str]: ...
    def to_json(self) -> str: ...
    def __len__(self) -> int: ...

class _Finding(TypedDict):
    code: str
    severity: Literal["error", "warning"]
    item: str | None
    section: str | None
    field: str | None
    message: str
    message_ru: str

@final
class SelfExamCheck:
    @property
    def complete(self) -> bool: ...
    @property
    def has_errors(self) -> bool: ...
    @property
    def findings(self) -> list[_Finding]: ...
    @property
    def due(self) -> str | None: ...
    @property
    def days_left(self) -> int | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __getitem__(self, key: str, /) -> Any: ...
    def keys(self) -> list[str]: ...

_Number = int | str | Decimal | float | bool | None

class _GroupResult(TypedDict):
    id: str
    kind: str
    title: str | None
    parent: str | None
    points: Decimal
    max: Decimal
    share: Decimal | None
    percent: Decimal | None
    lost: Decimal
    leaf: bool

class _InputResult(TypedDict):
    id: str
    value: Decimal | None
    status: Literal["scored", "missing", "not_applicable"]

class _IndicatorResultBase(TypedDict):
    id: str
    group: str
    title: str | None
    points: Decimal
    max: Decimal
    status: Literal["scored", "missing", "not_applicable"]

class _IndicatorResult(_IndicatorResultBase, total=False):
    inputs: list[_InputResult]
    how: str

class _Deficit(TypedDict):
    id: str
    title: str | None
    lost: Decimal
    points: Decimal
    max: Decimal

class _Deficits(TypedDict):
    groups: list[_Deficit]
    indicators: list[_Deficit]

class _CatalogIndicator(TypedDict):
    id: str
    group: str
    title: str | None
    title_en: str | None
    max: Decimal
    not_applicable: bool

class _CatalogInput(TypedDict):
    id: str
    title: str | None
    title_en: str | None
    kind: Literal["points", "count", "number", "yes_no"]
    min: Decimal | None
    max: Decimal | None
    not_applicable: bool
    indicators: list[str]
    hint_ru: str

class _CatalogGroup(TypedDict):
    id: str
    kind: str
    title: str | None
    title_en: str | None
    parent: str | None
    indicator_count: int
    max: Decimal

class _Problem(TypedDict):
    code: str
    indicator: str | None
    message: str
    message_ru: str

@final
class Report:
    @property
    def methodology(self) -> str: ...
    @property
    def school(self) -> str | None: ...
    @property
    def period(self) -> str | None: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def share(self) -> Decimal | None: ...
    @property
    def percent(self) -> Decimal | None: ...
    @property
    def level(self) -> Literal["high", "medium", "low"] | str | None: ...
    @property
    def level_title(self) -> str | None: ...
    @property
    def groups(self) -> list[_GroupResult]: ...
    @property
    def indicators(self) -> list[_IndicatorResult]: ...
    @property
    def missing(self) -> list[str]: ...
    @property
    def not_applicable(self) -> list[str]: ...
    @property
    def deficits(self) -> _Deficits: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def to_markdown(self) -> str: ...
    def __reduce__(self) -> tuple[Any, tuple[Methodology, list[str | None]]]: ...
    @staticmethod
    def _from_state(
        builtin: bool,
        methodology: str,
        inputs: list[str | None],
        school: str | None = None,
        period: str | None = None,
    ) -> Report: ...

@final
class Methodology:
    @staticmethod
    def builtin(name: str) -> Methodology: ...
    @staticmethod
    def from_json(text: str | bytes) -> Methodology: ...
    def with_titles(self, titles: Mapping[str, str] | str | os.PathLike[str]) -> Methodology: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def short_title(self) -> str: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def indicators(self) -> list[_CatalogIndicator]: ...
    @property
    def inputs(self) -> list[_CatalogInput]: ...
    @property
    def groups(self) -> list[_CatalogGroup]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def score(self, values: Mapping[str, _Number], strict: bool = False) -> Report: ...
    def score_many(self, schools: Iterable[Mapping[str, _Number]], strict: bool = False) -> list[Report]: ...
    def check(self, values: Mapping[str, _Number], strict: bool = False) -> list[_Problem]: ...
    def _score_table(
        self,
        columns: Mapping[str, list[Any]] | Iterable[tuple[str, list[Any]]],
        strict: bool = False,
        float32: Iterable[str] | None = None,
        offset: int = 0,
        labels: Any = None,
        arrow: bool = False,
    ) -> dict[str, Any]: ...
    def _label_columns(self, header: list[str]) -> dict[str, int | None]: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def score(values: Mapping[str, _Number], methodology: str | Methodology | None = None, strict: bool = False) -> Report: ...
def score_document(
    doc: Mapping[str, Any] | str, methodology: str | Methodology | None = None, strict: bool = False
) -> Report: ...
def score_many(
    schools: Iterable[Mapping[str, _Number]], methodology: str | Methodology | None = None, strict: bool = False
) -> list[Report]: ...
def methodologies() -> list[str]: ...
def _check_selfexam(report_json: str, as_of: str | None = None) -> SelfExamCheck: ...
def version() -> str: ...

def _marks(header: list[str], rows: list[list[str]], quality_drop: str = "10") -> tuple[str, str]: ...
def _marks_sheets(
    sheets: list[tuple[str, list[list[str]]]], quality_drop: str = "10"
) -> tuple[str, str, list[str]]: ...
def _tasks(
    header: list[str],
    rows: list[list[str]],
    weak_below: str = "50",
    medallists: list[tuple[str | None, str]] | None = None,
    descriptions: list[list[str]] | None = None,
) -> tuple[str, str]: ...
def _tasks_summaries(header: list[str], rows: list[list[str]]) -> tuple[list[str], str]: ...
def _tasks_combine(
    summaries: list[str],
    weak_below: str = "50",
    medallists: list[tuple[str | None, str]] | None = None,
    descriptions: list[list[str]] | None = None,
) -> str: ...
def _dynamics(
    methodology: Methodology,
    columns: Iterable[tuple[str, list[Any]]],
    schools: list[str | None],
    municipalities: list[str | None],
    periods: list[str | None],
    by: str | None = None,
    html: bool = False,
) -> dict[str, Any]: ...
def _rating(
    methodology: Methodology,
    columns: Iterable[tuple[str, list[Any]]],
    schools: list[str | None],
    municipalities: list[str | None],
    regions: list[str | None],
    context: list[tuple[str, list[str | None]]],
    by: str = "total",
    relative: bool = False,
    relative_total: str | None = None,
    bands: int = 4,
) -> dict[str, Any]: ...
def _selfdiag(definition: str, answers: str) -> dict[str, Any]: ...
def _selfdiag_table(
    definition: str, header: list[str], rows: list[list[str]]
) -> tuple[dict[str, Any], list[str], list[str]]: ...
def _teachers(header: list[str], rows: list[list[str]], as_of: str, file: str = "") -> dict[str, Any]: ...
def _survey(
    definition: str,
    sheets: list[tuple[str, list[str], list[list[str]], str]],
    by: str | None = None,
    columns: Mapping[str, str] | None = None,
    nok: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]: ...
def _document(
    kind: str, source_json: str, school_json: str | None = None, format: str = "docx"
) -> bytes: ...
def _docx_tables(data: bytes) -> list[tuple[int, list[str]]]: ...
