"""Type stubs of the native module (checked against it by mypy.stubtest)."""

from decimal import Decimal
from typing import Any, Iterable, Literal, Mapping, TypedDict, final

Number = int | str | Decimal | float | None

class GroupResult(TypedDict):
    id: str
    kind: str
    title: str | None
    parent: str | None
    points: Decimal
    max: Decimal
    share: Decimal | None
    lost: Decimal

class IndicatorResult(TypedDict):
    id: str
    group: str
    title: str | None
    points: Decimal
    max: Decimal
    status: Literal["scored", "missing", "not_applicable"]

class Deficit(TypedDict):
    id: str
    title: str | None
    lost: Decimal
    points: Decimal
    max: Decimal

class Deficits(TypedDict):
    groups: list[Deficit]
    indicators: list[Deficit]

class CatalogIndicator(TypedDict):
    id: str
    group: str
    title: str | None
    title_en: str | None
    max: Decimal
    not_applicable: bool

class CatalogGroup(TypedDict):
    id: str
    kind: str
    title: str | None
    title_en: str | None
    parent: str | None
    indicator_count: int
    max: Decimal

class Problem(TypedDict):
    code: str
    indicator: str | None
    message: str
    message_ru: str

@final
class Result:
    @property
    def methodology(self) -> str: ...
    @property
    def school(self) -> str | None: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def share(self) -> Decimal | None: ...
    @property
    def level(self) -> Literal["high", "medium", "low"] | str | None: ...
    @property
    def level_title(self) -> str | None: ...
    @property
    def groups(self) -> list[GroupResult]: ...
    @property
    def indicators(self) -> list[IndicatorResult]: ...
    @property
    def missing(self) -> list[str]: ...
    @property
    def not_applicable(self) -> list[str]: ...
    @property
    def deficits(self) -> Deficits: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Methodology:
    @staticmethod
    def builtin(name: str) -> Methodology: ...
    @staticmethod
    def from_json(text: str | bytes) -> Methodology: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def max(self) -> Decimal: ...
    @property
    def indicators(self) -> list[CatalogIndicator]: ...
    @property
    def groups(self) -> list[CatalogGroup]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def score(self, values: Mapping[str, Number], strict: bool = False) -> Result: ...
    def score_many(self, schools: Iterable[Mapping[str, Number]], strict: bool = False) -> list[Result]: ...
    def check(self, values: Mapping[str, Number], strict: bool = False) -> list[Problem]: ...
    def _score_table(self, columns: dict[str, list[Any]], strict: bool = False) -> dict[str, list[Any]]: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def score(values: Mapping[str, Number], methodology: str = "index-2023", strict: bool = False) -> Result: ...
def score_many(
    schools: Iterable[Mapping[str, Number]], methodology: str = "index-2023", strict: bool = False
) -> list[Result]: ...
def methodologies() -> list[str]: ...
def _check_selfexam(report_json: str, as_of: str | None = None) -> str: ...
def version() -> str: ...
