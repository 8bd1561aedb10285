"""The teachers' register and surveys of parents (DOMAIN §9), from pandas frames, lists of row
dicts or CSV/XLSX files.

The dates, shares, counts and findings are the core's (``vsoko::teachers``,
``vsoko::survey``); this module turns the tables into header + rows of text and lays the
answer out as frames.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from ._rating import _copy, _definition_text

_TEACHER_COLUMNS = ("name", "category", "category_until", "attestation_due", "training_due", "overdue")
_TEACHER_DATES = ("category_until", "attestation_due", "training_due")
_DUE_COLUMNS = ("name", "kind", "due")
_SHARE_KEYS = ("teachers", "with_category", "trained_12m", "trained_3y", "trained_3y_pct")
_QUESTION_COLUMNS = ("id", "period", "group", "respondents", "answered", "satisfied", "satisfied_pct", "answers")
_CHANGE_COLUMNS = ("id", "group", "from", "to", "delta")
_FINDING_KEYS = ("code", "severity", "item", "section", "field", "file", "row", "message", "message_ru")


# --- cells and tables -------------------------------------------------------------------------


def _cell(v: Any) -> str:
    """A cell as the core reads it: a date or timestamp as ``DD.MM.YYYY``, ``None``/NaN/NaT
    empty, a whole float (``72.0``, as pandas reads a number column with gaps) without ``.0``."""
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else str(v)
    if isinstance(v, _dt.date):  # datetime.datetime and pandas.Timestamp are dates too
        try:
            import pandas as pd

            if v is pd.NaT:
                return ""
        except ImportError:  # pragma: no cover
            pass
        return f"{v.day:02d}.{v.month:02d}.{v.year:04d}"
    try:
        import pandas as pd

        if pd.isna(v):
            return ""
    except (ImportError, TypeError, ValueError):
        pass
    return str(v)


def _read_file(path: str | os.PathLike[str]) -> Any:
    """A CSV (any separator, UTF-8 with or without BOM) or XLSX file as a frame of text."""
    import pandas as pd

    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        # Date cells come back as datetimes; ``_cell`` writes them DD.MM.YYYY.
        return pd.read_excel(path, dtype=object)
    return pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _is_path(data: Any) -> bool:
    return isinstance(data, (str, os.PathLike))


def _table(data: Any) -> tuple[list[str], list[list[str]], str]:
    """``(header, rows, file label)`` of a frame, a list of row dicts or a path."""
    import pandas as pd

    label = ""
    if _is_path(data):
        label = os.fspath(data)
        data = _read_file(data)
    if isinstance(data, pd.DataFrame):
        df = data
    elif isinstance(data, Mapping):
        raise TypeError("expected a pandas DataFrame, a list of row dicts or a path, not a dict")
    else:
        records = list(data)
        if records and not all(isinstance(r, Mapping) for r in records):
            raise TypeError("expected a pandas DataFrame, a list of row dicts or a path")
        header: list[str] = []
        for r in records:
            for k in r:
                if str(k) not in header:
                    header.append(str(k))
        rows = [[_cell(dict((str(k), v) for k, v in r.items()).get(h)) for h in header] for r in records]
        return header, rows, label
    header = [str(c) for c in df.columns]
    columns = [df.iloc[:, j].to_numpy(dtype=object).tolist() for j in range(df.shape[1])]
    rows = [[_cell(v) for v in r] for r in zip(*columns)] if columns else [[] for _ in range(len(df))]
    return header, rows, label


def _date(text: str | None) -> _dt.date | None:
    return None if text is None else _dt.date.fromisoformat(text)


def _decimal(text: Any) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, _dt.date) else v


def _frame(items: list[dict[str, Any]], columns: Iterable[str]) -> Any:
    import pandas as pd

    columns = list(columns)
    return pd.DataFrame(
        {c: pd.Series([item[c] for item in items], dtype=object) for c in columns}, columns=columns
    )


def _findings(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: f[k] for k in _FINDING_KEYS if k in f} | f for f in items]


def _warn(findings: list[dict[str, Any]]) -> None:
    for f in findings:
        warnings.warn(f["message_ru"], stacklevel=3)


# --- teachers ---------------------------------------------------------------------------------


class TeacherRegister:
    """The teachers' register as of a day (``vsoko.teachers``).

    - ``.as_of``: the day (``datetime.date``);
    - ``.teachers``: a frame, one row per teacher in register order: ``name``, ``category``
      (``first``, ``highest``, ``methodist``, ``mentor`` or ``None``), ``category_until``,
      ``attestation_due``, ``training_due`` (``datetime.date`` or ``None``), ``overdue`` (a
      list of ``"attestation"`` / ``"training"``);
    - ``.due``: a frame of what falls due up to the end of the academic year (overdue
      included), by date: ``name``, ``kind``, ``due``;
    - ``.shares``: ``{"teachers", "with_category", "trained_12m", "trained_3y",
      "trained_3y_pct"}`` (the percentage a ``Decimal`` with 2 places);
    - ``.by_category``: teachers with a category in force by category id;
    - ``.findings``: what reading and computing found (dicts with ``code``, ``severity``,
      ``message``, ``message_ru``, ``row``...);
    - ``.to_dict()``: as ``vsoko teachers --format json`` writes it (dates ISO text,
      ``trained_3y_pct`` a ``Decimal``).
    """

    def __init__(self, data: dict[str, Any]) -> None:
        teachers = [
            {k: (_date(t[k]) if k in _TEACHER_DATES else t[k]) for k in _TEACHER_COLUMNS} for t in data["teachers"]
        ]
        for t in teachers:
            t["overdue"] = list(t["overdue"])
        due = [{"name": d["name"], "kind": d["kind"], "due": _date(d["due"])} for d in data["due"]]
        shares = {k: data["shares"][k] for k in _SHARE_KEYS}
        shares["trained_3y_pct"] = _decimal(shares["trained_3y_pct"])
        self.as_of: _dt.date = _dt.date.fromisoformat(data["as_of"])
        self._teachers = teachers
        self._due = due
        self.teachers = _frame(teachers, _TEACHER_COLUMNS)
        self.due = _frame(due, _DUE_COLUMNS)
        self.shares: dict[str, Any] = shares
        self.by_category: dict[str, int] = dict(data["by_category"])
        self.findings: list[dict[str, Any]] = _findings(data["findings"])

    def to_dict(self) -> dict[str, Any]:
        """``{"as_of", "teachers", "due", "shares", "by_category", "findings"}`` with dates as
        ISO text (``"2025-01-15"``) and ``trained_3y_pct`` a ``Decimal``."""
        return {
            "as_of": self.as_of.isoformat(),
            "teachers": [{k: _iso(v) for k, v in _copy(t).items()} for t in self._teachers],
            "due": [{k: _iso(v) for k, v in d.items()} for d in self._due],
            "shares": dict(self.shares),
            "by_category": dict(self.by_category),
            "findings": _copy(self.findings),
        }

    def __repr__(self) -> str:
        return (
            f"<vsoko.TeacherRegister as of {self.as_of.isoformat()}: {len(self.teachers)} teachers, "
            f"{len(self.due)} due, {len(self.findings)} findings>"
        )


def teachers(data: Any, as_of: Any) -> TeacherRegister:
    """The teachers' register as of a day: each teacher's category term, attestation and
    training due dates and what is overdue, the due list up to the end of the academic year
    (31 August), the shares a school reports (with a category in force, trained in the last 12
    months and 3 years). The terms are the core's (order No. 196 of 24.03.2023, 273-ФЗ
    art. 47, 49), as ``vsoko teachers`` applies them.

    ``data`` is the register: a pandas frame, a list of row dicts, or the path of a CSV or
    XLSX file, with the headings ``ФИО``, ``Должность``, ``Предметы``, ``Категория``,
    ``Дата присвоения``, ``Действует до``, ``Дата последней аттестации``, ``Дата приёма``,
    ``Курсы ПК: дата окончания``, ``Курсы ПК: часы``, ``Курсы ПК: тема`` — a row per teacher
    or per course (a row with an empty ФИО continues the teacher above). Date cells are
    ``DD.MM.YYYY`` / ISO text or dates (``datetime``, ``pandas.Timestamp``); ``None`` and NaN
    are empty. ``as_of`` is a ``datetime.date`` or text (``"15.01.2025"``, ``"2025-01-15"``).

    Every finding (a conflicting row, a similar spelling, a written end date that differs from
    the rule's, an unused column...) is also issued as a warning with its Russian message.

    >>> import datetime, vsoko
    >>> r = vsoko.teachers(
    ...     [{"ФИО": "Иванова Мария Петровна", "Категория": "высшая",
    ...       "Дата присвоения": "15.03.2019", "Курсы ПК: дата окончания": "20.05.2021"}],
    ...     as_of=datetime.date(2025, 1, 15))
    >>> r.teachers.loc[0, "category_until"], r.teachers.loc[0, "overdue"]
    (datetime.date(2024, 3, 15), ['attestation', 'training'])
    >>> r.shares["trained_3y_pct"]  # the course ended more than 3 years before
    Decimal('0.00')

    Raises:
        InputError: a date that is no date (``as_of`` or a cell, naming its row and column), a
            category the rules do not know, hours that are no number, a header without ФИО, a
            table without a teacher.
    """
    from ._vsoko import _teachers

    if isinstance(as_of, _dt.datetime):
        as_of = as_of.date()
    day = as_of.isoformat() if isinstance(as_of, _dt.date) else str(as_of)
    header, rows, label = _table(data)
    out = _teachers(header, rows, day, label)
    _warn(out["findings"])
    return TeacherRegister(out)


# --- survey -----------------------------------------------------------------------------------


class SurveyFigures:
    """The figures of a survey (``vsoko.survey``).

    - ``.questions``: a frame, per period, question and group: ``id``, ``period``, ``group``
      (``None``: every respondent), ``respondents``, ``answered`` (satisfied or not),
      ``satisfied``, ``satisfied_pct`` (a ``Decimal`` with 2 places, ``None`` when nobody
      answered), ``answers`` (a dict of every answer of the question to its count, in the
      definition's order);
    - ``.changes``: a frame of the change of ``satisfied_pct`` between the two last periods:
      ``id``, ``group``, ``from``, ``to``, ``delta`` (``Decimal``);
    - ``.open_text``: per open-text column, its non-empty answers per period;
    - ``.unused_columns``: columns neither a question, a respondent, open text nor the
      timestamp;
    - ``.findings``: unknown answers (``unknown_answer``, not counted) and unused columns;
    - ``.to_dict()``: as ``vsoko survey --format json`` writes it, plus ``findings``
      (decimals as ``Decimal``).
    """

    def __init__(self, data: dict[str, Any], findings: list[dict[str, Any]]) -> None:
        questions = [{k: q[k] for k in _QUESTION_COLUMNS} for q in data["questions"]]
        for q in questions:
            q["satisfied_pct"] = _decimal(q["satisfied_pct"])
            q["answers"] = dict(q["answers"])
        changes = [{k: _decimal(c[k]) if k in ("from", "to", "delta") else c[k] for k in _CHANGE_COLUMNS} for c in data["changes"]]
        self._questions = questions
        self._changes = changes
        self.questions = _frame(questions, _QUESTION_COLUMNS)
        for c in ("respondents", "answered", "satisfied"):
            self.questions[c] = self.questions[c].astype("int64")
        self.changes = _frame(changes, _CHANGE_COLUMNS)
        self.open_text: list[dict[str, Any]] = [{"column": o["column"], "answers": dict(o["answers"])} for o in data["open_text"]]
        self.unused_columns: list[str] = list(data["unused_columns"])
        self.findings: list[dict[str, Any]] = _findings(findings)

    def to_dict(self) -> dict[str, Any]:
        """``{"questions", "changes", "open_text", "unused_columns", "findings"}``, decimals as
        ``Decimal``."""
        return {
            "questions": _copy(self._questions),
            "changes": _copy(self._changes),
            "open_text": _copy(self.open_text),
            "unused_columns": list(self.unused_columns),
            "findings": _copy(self.findings),
        }

    def __repr__(self) -> str:
        periods = list(dict.fromkeys(q["period"] for q in self._questions))
        return (
            f"<vsoko.SurveyFigures: {len(periods)} periods, {len(self._questions)} figures, "
            f"{len(self.findings)} findings>"
        )


def _sheets(data: Any) -> list[tuple[str, list[str], list[list[str]], str]]:
    """``(period, header, rows, file)`` per period, from whatever ``survey`` takes."""
    import pandas as pd

    def one(period: str, table: Any) -> tuple[str, list[str], list[list[str]], str]:
        header, rows, label = _table(table)
        return (period, header, rows, label)

    if _is_path(data):
        return [one(Path(data).stem, data)]
    if isinstance(data, pd.DataFrame):
        return [one("", data)]
    if isinstance(data, Mapping):
        return [one(str(period), table) for period, table in data.items()]
    items = list(data)
    if items and all(isinstance(x, Mapping) for x in items):
        return [one("", items)]  # the row dicts of one table
    out = []
    for x in items:
        if _is_path(x):
            out.append(one(Path(x).stem, x))
        elif isinstance(x, tuple) and len(x) == 2:
            out.append(one(str(x[0]), x[1]))
        else:
            raise TypeError(
                "survey data must be a frame, a path, a list of row dicts, a dict {period: frame}, "
                "a list of (period, frame) pairs or a list of paths"
            )
    return out


def _definition(definition: Any) -> str:
    """The definition's JSON text, or a built-in id (``nok-2019``)."""
    if isinstance(definition, str) and not definition.lstrip().startswith("{"):
        p = Path(definition)
        if not (p.suffix.lower() == ".json" or p.exists()):
            return definition  # a built-in id; the core names an unknown one
    return _definition_text(definition)


def _columns(columns: Any) -> dict[str, str] | None:
    if columns is None:
        return None
    if not isinstance(columns, Mapping):
        columns = json.loads(_definition_text(columns))
    return {str(k): str(v) for k, v in columns.items()}


def survey(
    data: Any,
    definition: Any,
    by: str | None = None,
    columns: Mapping[str, str] | None = None,
    nok: bool = False,
) -> Any:
    """Counts the answers of a survey (a Google Forms / Яндекс Формы export: a row per
    respondent, a column per question, answers as text) against a survey definition: per
    period, question and group the respondents, the answered, the satisfied and their share,
    every answer's count, and the change between the two last periods — or, with ``nok=True``,
    the НОК's survey inputs (``{"2.3.yes": n, "2.3.of": n, ...}``) ``vsoko.score`` takes.

    ``data`` is one table — a pandas frame, a list of row dicts or the path of a CSV/XLSX file
    — or several periods: a dict ``{period: table}``, a list of ``(period, table)`` pairs, or a
    list of paths (the period is the file's name without extension), in order. A frame without
    a period has the period ``""``.

    ``definition`` is the path of a definition (JSON, format ``vsoko-survey``), its JSON text,
    its dict, or ``"nok-2019"`` (the НОК questions, columns named by the input codes).
    ``columns`` maps question ids to the headings of the school's export; ``by`` groups the
    figures by a respondent column (``"Класс"``).

    An answer that is none of the question's answers is not counted: it is warned about (in
    Russian, naming its row and column) and listed in ``.findings``, as is an unused column.

    >>> import vsoko
    >>> r = vsoko.survey({"2024-spring": "2024-spring.csv", "2024-autumn": "2024-autumn.csv"},
    ...                  "parents.json")  # doctest: +SKIP
    >>> r.questions[["id", "period", "satisfied_pct"]].head(1)  # doctest: +SKIP
       id       period satisfied_pct
    0  q1  2024-spring         66.67
    >>> vsoko.survey("nok-answers.csv", "nok-2019", columns={"2.3": "Удовлетворены ли..."},
    ...              nok=True)["2.3.yes"]  # doctest: +SKIP
    16

    Returns:
        ``SurveyFigures`` (``.questions``, ``.changes``, ``.open_text``, ``.unused_columns``,
        ``.findings``, ``.to_dict()``); with ``nok=True`` a dict ``{input id: int}``.

    Raises:
        MethodologyError: a definition that is not valid (every problem listed) or unknown, a
            ``columns`` id that is no question.
        InputError: a question's column or the ``by`` column is missing; with ``nok=True`` a
            definition without НОК inputs.
    """
    from ._vsoko import _survey

    sheets = _sheets(data)
    out, findings = _survey(_definition(definition), sheets, by, _columns(columns), nok)
    _warn(findings)
    if nok:
        if not out:
            from ._errors import InputError

            raise InputError(
                "invalid_input",
                "the survey definition has no questions with НОК inputs (\"nok\")",
                None,
                "в анкете нет вопросов с входными данными НОК (\"nok\")",
            )
        return {str(k): int(v) for k, v in out.items()}
    return SurveyFigures(out, findings)
