"""ВПР, ОГЭ and ЕГЭ results by task (DOMAIN §7) for notebooks and clusters: a long table of
pupils (one column per task, «1 (2б)») in, frames out. Every figure is the core's (`vsoko
tasks`); this module passes the cells as text and builds frames with exact decimals.

One machine: ``vsoko.tasks(pupils)``. A cluster: ``vsoko.tasks_summaries`` on each part of the
rows (every row of a school in the same part) gives one row per work (school × procedure ×
subject × grade × year) in whole numbers; ``vsoko.tasks_combine`` on all of them gives exactly
what ``vsoko.tasks`` gives on the whole (the completion over all schools is computed there).
With Dask: ``ddf.map_partitions(vsoko.tasks_summaries, meta=vsoko.tasks_summary_meta())``
on a frame whose index is the school, then ``vsoko.tasks_combine(parts.compute())``.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from . import _vsoko
from ._errors import InputError
from ._marks import _rows, _text
from ._objectivity import _exact

#: Columns of each frame of the result (``description`` is added to ``tasks`` and ``weak`` when
#: descriptions are given).
TASK_COLUMNS = ["school", "class", "procedure", "subject", "grade", "year", "task", "max",
                "participants", "completion_pct", "region_completion_pct"]
WEAK_COLUMNS = ["school", "procedure", "subject", "grade", "year", "task", "completion_pct"]
MARK_COLUMNS = ["school", "procedure", "subject", "grade", "year", "participants",
                "marks_2", "marks_3", "marks_4", "marks_5", "pct_2", "pct_3", "pct_4", "pct_5"]
EGE_COLUMNS = ["school", "subject", "year", "participants", "mean_test_score", "min_score",
               "below_min", "below_min_pct", "at_70", "at_70_pct", "at_80", "at_80_pct",
               "at_100", "at_100_pct"]
MEDALLIST_COLUMNS = ["school", "pupil", "subject", "test_score"]
#: Columns of a summaries frame: the work, then its summary as JSON text (whole numbers only:
#: tasks with their maximum, per class the participants, points and takers per task, the marks,
#: the test scores and the ЕГЭ sittings the medallists are found in).
TASK_SUMMARY_COLUMNS = ["school", "procedure", "subject", "grade", "year", "summary"]

_INTS = {"grade", "year", "max", "participants", "marks_2", "marks_3", "marks_4", "marks_5",
         "test_score"}
#: Whole numbers that are missing where they do not apply (a subject marked 2–5, no minimum).
_NULLABLE_INTS = {"min_score", "below_min", "at_70", "at_80", "at_100"}
_DECIMALS = {"completion_pct", "region_completion_pct", "pct_2", "pct_3", "pct_4", "pct_5",
             "mean_test_score", "below_min_pct", "at_70_pct", "at_80_pct", "at_100_pct"}

#: The headings of the medallists' list, as `vsoko tasks --medallists` reads them.
_PUPIL = ("pupil", "фио", "ученик", "выпускник", "обучающийся", "код участника")
_SCHOOL = ("school", "школа", "оо", "образовательная организация")


def _frame(records: list[dict[str, Any]], columns: list[str]) -> Any:
    """Records of the report as a frame: counts as ``int64`` (``Int64`` where they may be
    missing), decimals exact (Arrow ``decimal128(38, 2)``, ``Decimal`` without pyarrow)."""
    import pandas as pd

    frame = pd.DataFrame(records, columns=columns)
    for k in columns:
        if k in _INTS:
            frame[k] = frame[k].astype("int64")
        elif k in _NULLABLE_INTS:
            frame[k] = frame[k].astype("Int64")
        elif k in _DECIMALS:
            frame[k] = _exact(frame[k].astype(object), 2)
        else:
            frame[k] = frame[k].astype(object).where(frame[k].notna(), None)
    return frame


def _marks_records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        r = dict(r)
        for k, v in r.pop("counts").items():
            r[f"marks_{k}"] = v
        for k, v in r.pop("pct").items():
            r[f"pct_{k}"] = v
        out.append(r)
    return out


def _heading(h: Any) -> str:
    return str(h).strip().lstrip("\ufeff").lower()


def _medallists(data: Any) -> list[tuple[str | None, str]] | None:
    """The medallists as (school or ``None``, pupil): a frame or rows with a header (ФИО /
    pupil, optionally Школа / school, as the CLI reads them), a list of names, of
    ``(school, pupil)`` pairs or of dicts."""
    if data is None:
        return None

    def pair(school: Any, pupil: Any) -> tuple[str | None, str]:
        s = "" if school is None else str(school).strip()
        return (s or None, "" if pupil is None else str(pupil).strip())

    def find(header: list[Any], names: tuple[str, ...]) -> int | None:
        return next((i for i, h in enumerate(header) if _heading(h) in names), None)

    if hasattr(data, "columns") or (isinstance(data, list) and data and isinstance(data[0], list)):
        header, rows = _rows(data)
        pupil = find(header, _PUPIL)
        if pupil is None:
            raise InputError("invalid_input", "the medallists' list has no pupil column (ФИО / pupil)",
                             message_ru="в списке медалистов нет столбца ФИО")
        school = find(header, _SCHOOL)
        out = [pair(None if school is None else r[school], r[pupil]) for r in rows]
    else:
        out = []
        for item in data:
            if isinstance(item, str):
                out.append(pair(None, item))
            elif isinstance(item, dict):
                keys = list(item)
                p, s = find(keys, _PUPIL), find(keys, _SCHOOL)
                if p is None:
                    raise InputError("invalid_input", f"medallist {item!r} has no pupil (ФИО / pupil)",
                                     message_ru=f"у медалиста {item!r} не указано ФИО")
                out.append(pair(None if s is None else item[keys[s]], item[keys[p]]))
            else:
                school, pupil = item
                out.append(pair(school, pupil))
    return [m for m in out if m[1]]


def _descriptions(data: Any) -> list[list[str]] | None:
    if data is None:
        return None
    header, rows = _rows(data)
    return [header, *rows]


def _pupils(pupils: Any) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text: a frame (a named index, such as the school a Dask frame is
    partitioned by, becomes a column again), a list of dicts, or rows with the header first."""
    if hasattr(pupils, "reset_index") and getattr(pupils.index, "name", None) is not None:
        pupils = pupils.reset_index()
    if isinstance(pupils, list) and pupils and isinstance(pupils[0], dict):
        records = [{str(k): v for k, v in r.items()} for r in pupils]
        header: list[str] = []
        for r in records:
            for k in r:
                if k not in header:
                    header.append(k)
        return header, [[_text(r.get(k)) for k in header] for r in records]
    return _rows(pupils)


def _warn(findings: list[dict[str, Any]]) -> None:
    for f in findings:
        warnings.warn(f["message_ru"], stacklevel=3)


def _result(text: str, rejected: list[dict[str, Any]], described: bool) -> dict[str, Any]:
    report = json.loads(text)
    _warn(report["findings"])
    extra = ["description"] if described else []
    return {
        "tasks": _frame(report["tasks"], TASK_COLUMNS + extra),
        "weak": _frame(report["weak"], WEAK_COLUMNS + extra),
        "marks": _frame(_marks_records(report["marks"]), MARK_COLUMNS),
        "ege": _frame(report["ege"], EGE_COLUMNS),
        "medallists": _frame(report["medallists"], MEDALLIST_COLUMNS),
        "findings": report["findings"],
        "rejected": rejected,
    }


def tasks(pupils: Any, weak_below: Any = 50, medallists: Any = None, descriptions: Any = None) -> dict[str, Any]:
    """Results of ВПР, ОГЭ and ЕГЭ by task, per school and class, as ``vsoko tasks`` gives them.

    ``pupils`` is a pandas frame or rows whose first row is the header, as the long table:
    ``school, year, procedure, subject, grade, class, pupil, variant``, one column per task
    («1 (2б)»: the task and its maximum), ``mark``, ``test_score`` — or the Russian headings
    (Школа, Год, Процедура, Предмет, Параллель, Класс, ФИО / Код участника, Вариант, Отметка,
    Тестовый балл). ``weak_below`` is the school's threshold of a weak task, % (50 by default: a
    common practice, not a federal rule). ``medallists``: a frame or rows with ФИО and
    optionally Школа, or a list of names; those with under 70 points in an ЕГЭ subject are
    listed. ``descriptions``: what each task checks (Процедура, Предмет, Параллель, Год,
    Задание, Проверяемые требования), as a frame or rows.

    Returns a dict of frames ``tasks``, ``weak``, ``marks`` (counts ``marks_2``…``marks_5``,
    shares ``pct_2``…``pct_5``), ``ege``, ``medallists`` — percentages and means exact (Arrow
    ``decimal128(38, 2)``: each cell reads as a ``Decimal``), counts as integers — and
    ``findings`` (dicts with ``code``, ``message``, ``message_ru``: ``no_minimum``,
    ``minimum_of_other_year``, ``medallist_not_found``). A row that cannot be counted (points
    above the task's maximum, a mark other than 2–5, a missing cell, a pupil given twice) is
    left out, warned about in Russian and listed in ``rejected`` with its row (the header is
    row 1).

    Raises:
        InputError: the header lacks a required column or a task heading lacks its maximum;
            ``weak_below`` is not a number from 0 to 100; the descriptions are malformed.
    """
    header, rows = _pupils(pupils)
    text, rejected = _vsoko._tasks(header, rows, str(weak_below), _medallists(medallists),
                                   _descriptions(descriptions))
    rejected = json.loads(rejected)
    _warn(rejected)
    return _result(text, rejected, descriptions is not None)


def tasks_summaries(pupils: Any) -> Any:
    """One row per work (school × procedure × subject × grade × year) of the pupils given, for
    ``tasks_combine``: the columns of ``TASK_SUMMARY_COLUMNS``, the summary as JSON text of
    whole numbers. Give every row of a school to the same part (a work given in two parts adds
    up, but a pupil repeated across parts is then not found). Rejected rows are warned about
    here, in Russian; the frame's index may be the school."""
    import pandas as pd

    header, rows = _pupils(pupils)
    summaries, rejected = _vsoko._tasks_summaries(header, rows)
    _warn(json.loads(rejected))
    records = []
    for text in summaries:
        s = json.loads(text)
        records.append({**{k: s[k] for k in TASK_SUMMARY_COLUMNS[:-1]}, "summary": text})
    frame = pd.DataFrame(records, columns=TASK_SUMMARY_COLUMNS)
    return frame.astype(tasks_summary_meta().dtypes.to_dict())


def tasks_combine(summaries: Any, weak_below: Any = 50, medallists: Any = None,
                  descriptions: Any = None) -> dict[str, Any]:
    """The result of ``tasks`` from the summaries of every part (a frame, or the concatenation
    of several, as ``tasks_summaries`` gives them): the same dict, exactly. ``rejected`` is
    empty: rejected rows were warned about by ``tasks_summaries``.

    Raises:
        InputError: a summary is malformed or gives a task another maximum than a summary of
            the same work (``.index`` is its position).
    """
    texts = [str(t) for t in summaries["summary"]]
    text = _vsoko._tasks_combine(texts, str(weak_below), _medallists(medallists),
                                 _descriptions(descriptions))
    return _result(text, [], descriptions is not None)


def tasks_summary_meta() -> Any:
    """The empty frame Dask needs as ``meta`` for ``map_partitions(tasks_summaries)``."""
    import pandas as pd

    dtypes = {"grade": "int64", "year": "int64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "object")) for c in TASK_SUMMARY_COLUMNS})
