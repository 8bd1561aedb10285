"""vsoko.teachers and vsoko.survey against the independent reference files in
fixtures/teachers and fixtures/survey (written by their reference.py, not by vsoko)."""

from __future__ import annotations

import datetime
import warnings
from decimal import Decimal

import pandas as pd
import pytest

import vsoko

from conftest import FIXTURES, load

TEACHERS = FIXTURES / "teachers"
SURVEY = FIXTURES / "survey"
AS_OF = datetime.date(2025, 1, 15)


def _day(text):
    return None if text is None else datetime.date.fromisoformat(text)


def _pct(text):
    return None if text is None else Decimal(text)


def _register():
    return pd.read_csv(
        TEACHERS / "register.csv", sep=None, engine="python", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )


def _check_teachers(r: vsoko.TeacherRegister) -> None:
    expected = load(TEACHERS / "expected.json")
    assert r.as_of == _day(expected["as_of"]) == AS_OF
    got = r.teachers.to_dict("records")
    assert len(got) == len(expected["teachers"]) == 13
    for g, e in zip(got, expected["teachers"]):
        assert g == {
            "name": e["name"],
            "category": e["category"],
            "category_until": _day(e["category_until"]),
            "attestation_due": _day(e["attestation_due"]),
            "training_due": _day(e["training_due"]),
            "overdue": e["overdue"],
        }
        for k in ("category_until", "attestation_due", "training_due"):
            assert g[k] is None or type(g[k]) is datetime.date
    due = r.due.to_dict("records")
    assert due == [{"name": d["name"], "kind": d["kind"], "due": _day(d["due"])} for d in expected["due"]]
    assert len(due) == 10
    shares = dict(expected["shares"])
    shares["trained_3y_pct"] = Decimal(shares["trained_3y_pct"])
    assert r.shares == shares
    assert isinstance(r.shares["trained_3y_pct"], Decimal) and str(r.shares["trained_3y_pct"]) == "61.54"
    # JSON-shaped: the reference's keys equal, dates as ISO text.
    d = r.to_dict()
    assert {k: d[k] for k in ("as_of", "teachers", "due")} == {k: expected[k] for k in ("as_of", "teachers", "due")}


def test_teachers_frame_matches_reference():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = vsoko.teachers(_register(), as_of=AS_OF)
    _check_teachers(r)
    # Соколова: an end date written for a category set from 01.09.2023 is a warning.
    codes = [f["code"] for f in r.findings]
    assert "category_unlimited" in codes
    warned = [str(w.message) for w in caught]
    for f in r.findings:
        if f["severity"] == "warning":
            assert f["message_ru"] in warned


def test_teachers_path_rows_and_text_date():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _check_teachers(vsoko.teachers(TEACHERS / "register.csv", as_of="15.01.2025"))
        _check_teachers(vsoko.teachers(str(TEACHERS / "register.csv"), as_of="2025-01-15"))
        _check_teachers(vsoko.teachers(_register().to_dict("records"), as_of=AS_OF))


def test_teachers_date_cells_and_xlsx(tmp_path):
    # Dates as pandas Timestamps (as read_excel gives them) and NaN for empty cells.
    df = _register()
    for c in ("Дата присвоения", "Действует до", "Дата последней аттестации", "Дата приёма", "Курсы ПК: дата окончания"):
        df[c] = pd.to_datetime(df[c].replace("", None), format="%d.%m.%Y")
    df["Курсы ПК: часы"] = pd.to_numeric(df["Курсы ПК: часы"].replace("", None))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _check_teachers(vsoko.teachers(df, as_of=AS_OF))
        pytest.importorskip("openpyxl")
        path = tmp_path / "register.xlsx"
        df.to_excel(path, index=False)
        _check_teachers(vsoko.teachers(path, as_of=AS_OF))


def test_teachers_bad_date():
    with pytest.raises(vsoko.InputError):
        vsoko.teachers(_register(), as_of="31.02.2025")
    df = _register()
    df.loc[0, "Дата присвоения"] = "весна"
    with pytest.raises(vsoko.InputError) as e:
        vsoko.teachers(df, as_of=AS_OF)
    assert "2" in e.value.message


def _check_questions(got: vsoko.SurveyFigures, expected: dict) -> None:
    rows = got.questions.to_dict("records")
    assert len(rows) == len(expected["questions"])
    for g, e in zip(rows, expected["questions"]):
        assert g == e | {"satisfied_pct": _pct(e["satisfied_pct"])}
        assert list(g["answers"]) == list(e["answers"])  # the definition's order
        assert g["satisfied_pct"] is None or isinstance(g["satisfied_pct"], Decimal)
    changes = got.changes.to_dict("records")
    assert changes == [
        c | {"from": Decimal(c["from"]), "to": Decimal(c["to"]), "delta": Decimal(c["delta"])}
        for c in expected["changes"]
    ]
    assert [str(c["delta"]) for c in changes] == [c["delta"] for c in expected["changes"]]
    assert got.open_text == expected["open_text"]
    assert got.unused_columns == expected["unused_columns"]


def _read(path):
    return pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_survey_two_periods_matches_reference():
    expected = load(SURVEY / "expected.json")
    files = [SURVEY / "2024-spring.csv", SURVEY / "2024-autumn.csv"]
    definition = SURVEY / "parents.json"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        by_paths = vsoko.survey(files, definition)
        by_pairs = vsoko.survey([(f.stem, _read(f)) for f in files], str(definition))
        by_dict = vsoko.survey({f.stem: _read(f) for f in files}, load(definition))
    for r in (by_paths, by_pairs, by_dict):
        _check_questions(r, expected)
        assert not [f for f in r.findings if f["code"] == "unknown_answer"]
    assert len(by_paths.changes) == 4  # q5 has no share in spring


def test_survey_by_class_matches_reference():
    expected = load(SURVEY / "expected_by_class.json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = vsoko.survey(SURVEY / "2024-autumn.csv", SURVEY / "parents.json", by="Класс")
    _check_questions(r, expected)
    assert r.changes.empty


def test_survey_nok_matches_reference():
    expected = load(SURVEY / "expected_nok.json")["values"]
    columns = load(SURVEY / "nok-columns.json")
    got = vsoko.survey(SURVEY / "nok-answers.csv", "nok-2019", columns=columns, nok=True)
    assert got == expected
    assert all(type(v) is int for v in got.values())


def test_survey_unknown_answer_warns_and_is_not_counted():
    definition = load(SURVEY / "parents.json")
    df = _read(SURVEY / "2024-autumn.csv")
    q1 = definition["questions"][0]["column"]
    expected = load(SURVEY / "expected_by_class.json")
    before = {
        (q["id"], q["group"]): q for q in expected["questions"]
    }
    row = df.index[df["Класс"] == "5А"][0]
    old = df.loc[row, q1].strip()
    assert old == "Да"
    df.loc[row, q1] = "Может быть"
    with pytest.warns(UserWarning) as caught:
        r = vsoko.survey({"2024-autumn": df}, definition, by="Класс")
    unknown = [f for f in r.findings if f["code"] == "unknown_answer"]
    assert len(unknown) == 1 and unknown[0]["severity"] == "error"
    assert unknown[0]["message_ru"] in [str(w.message) for w in caught]
    got = r.questions.set_index(["id", "group"]).loc[("q1", "5А")]
    e = before[("q1", "5А")]
    assert got["respondents"] == e["respondents"]
    assert got["answered"] == e["answered"] - 1
    assert got["satisfied"] == e["satisfied"] - 1
    assert got["answers"]["Да"] == e["answers"]["Да"] - 1
    assert "Может быть" not in got["answers"]


def test_survey_errors():
    with pytest.raises(vsoko.MethodologyError):
        vsoko.survey(SURVEY / "nok-answers.csv", "no-such-survey")
    with pytest.raises(vsoko.InputError):
        vsoko.survey(SURVEY / "2024-autumn.csv", SURVEY / "parents.json", by="Нет такого столбца")
