"""vsoko: exact scoring of a Russian school's internal quality-assessment indicators (ВСОКО).

>>> import vsoko
>>> r = vsoko.score({"1.1.1": 3, "1.1.2": "2.5"})
>>> r.total, r.level
(Decimal('5.5'), 'low')

The teachers' register as of a day and a parents' survey counted against its definition:

>>> import datetime
>>> reg = vsoko.teachers(
...     [{"ФИО": "Петров Сергей Николаевич", "Категория": "первая",
...       "Дата присвоения": "20.12.2023", "Курсы ПК: дата окончания": "10.05.2023"}],
...     as_of=datetime.date(2025, 1, 15))
>>> reg.teachers.loc[0, "training_due"], reg.shares["trained_3y_pct"]
(datetime.date(2026, 5, 10), Decimal('100.00'))
>>> s = vsoko.survey(
...     {"весна": [{"Питание": "Да"}, {"Питание": "Нет"}, {"Питание": "Да"}]},
...     {"format": "vsoko-survey", "format_version": 1, "id": "p", "title": "Родители",
...      "questions": [{"id": "q1", "column": "Питание",
...                     "satisfied": ["Да"], "not_satisfied": ["Нет"]}]})
>>> s.questions.loc[0, "satisfied_pct"]
Decimal('66.67')
"""

from __future__ import annotations

import json as _json
import warnings as _warnings
from typing import TYPE_CHECKING, Any, Mapping

from ._document import Document, document
from ._dynamics import Dashboard, dashboard, dynamics
from ._errors import InputError, MethodologyError, VsokoError
from ._frame import score_frame
from ._marks import marks
from ._html import result_html as _result_html
from ._people import SurveyFigures, TeacherRegister, survey, teachers
from ._objectivity import (
    objectivity,
    objectivity_combine,
    objectivity_summaries,
    summary_meta,
)
from ._plan import Plan, plan_actions
from ._rating import Rating, SelfDiagnosis, rating, selfdiag
from ._tasks import tasks, tasks_combine, tasks_summaries, tasks_summary_meta
from ._vsoko import Methodology, Report, SelfExamCheck, methodologies, score, score_document, score_many, version

__all__ = [
    "Document",
    "document",
    "NOT_APPLICABLE",
    "Dashboard",
    "InputError",
    "Methodology",
    "MethodologyError",
    "Plan",
    "Rating",
    "Report",
    "SelfDiagnosis",
    "SelfExamCheck",
    "SurveyFigures",
    "TeacherRegister",
    "VsokoError",
    "check_selfexam",
    "dashboard",
    "dynamics",
    "marks",
    "methodologies",
    "objectivity",
    "objectivity_combine",
    "objectivity_summaries",
    "plan_actions",
    "rating",
    "score",
    "score_document",
    "score_frame",
    "score_many",
    "selfdiag",
    "summary_meta",
    "survey",
    "tasks",
    "tasks_combine",
    "tasks_summaries",
    "tasks_summary_meta",
    "teachers",
    "version",
]
__version__ = version()


class _NotApplicable(str):
    """The "not applicable" value: it removes the indicator from the maximum."""

    def __repr__(self) -> str:
        return "vsoko.NOT_APPLICABLE"


NOT_APPLICABLE: str = _NotApplicable("n/a")

Report._repr_html_ = _result_html  # type: ignore[attr-defined]

if TYPE_CHECKING:
    #: Deprecated alias of ``Report`` (removed in the next release).
    Result = Report


def __getattr__(name: str) -> Any:
    # ``vsoko.Result`` is the report's old name: it stays one release, with a warning.
    if name == "Result":
        _warnings.warn(
            "vsoko.Result is deprecated and will be removed in the next release; use vsoko.Report",
            DeprecationWarning,
            stacklevel=2,
        )
        return Report
    raise AttributeError(f"module 'vsoko' has no attribute {name!r}")


def check_selfexam(report: Mapping[str, Any] | str, as_of: Any = None) -> SelfExamCheck:
    """Checks a self-examination report (order No. 462).

    Args:
        report: the report as a dict (dates as ``datetime.date`` or ISO strings) or JSON text.
        as_of: the date to check against (``datetime.date`` or ``"YYYY-MM-DD"``), e.g. today.

    Returns:
        A ``SelfExamCheck`` holding the core's result: ``.complete``, ``.has_errors``,
        ``.findings``, ``.due``, ``.days_left`` (also readable as ``check["findings"]``),
        ``.to_dict()``, ``.to_json()``.

    Raises:
        InputError: bad JSON, a bad date (``invalid_date``), an unknown section.
    """
    from ._vsoko import _check_selfexam

    text = report if isinstance(report, str) else _json.dumps(report, default=str, ensure_ascii=False)
    return _check_selfexam(text, None if as_of is None else str(as_of))
