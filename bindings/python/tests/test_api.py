"""The Python surface: types, exactness, errors, many schools, self-examination."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest
import vsoko
from conftest import FIXTURES, load


def test_decimal_sums_stay_exact() -> None:
    r = vsoko.score({"3.2.1": "0.1", "3.2.2": "0.2"})
    assert r.total == Decimal("0.3")
    assert isinstance(r.total, Decimal) and isinstance(r.max, Decimal)
    r = vsoko.score({"3.2.1": 0.1, "3.2.2": 0.2})  # floats go through their shortest text
    assert r.total == Decimal("0.3")
    assert '"total": "0.3"' in r.to_json()
    assert "0.30000000000000004" not in r.to_json()


def test_value_types() -> None:
    values = {"1.1.1": 3, "1.1.2": "2.5", "1.1.3": Decimal("1.25"), "1.1.4": 0.5, "1.1.5": None}
    r = vsoko.score(values)
    assert r.total == Decimal("7.25")
    assert "1.1.5" in r.missing
    r = vsoko.score({"2.7": vsoko.NOT_APPLICABLE, "2.6": "н/п", "1.1": 10}, methodology="nocko-1547")
    assert r.max == Decimal(90) and r.not_applicable == ["2.6", "2.7"]
    assert repr(vsoko.NOT_APPLICABLE) == "vsoko.NOT_APPLICABLE"


@pytest.mark.parametrize(
    ("values", "code", "indicator"),
    [
        ({"1.1.18": 1}, "unknown_indicator", "1.1.18"),
        ({"1.1.1": 3.5}, "value_out_of_range", "1.1.1"),
        ({"1.1.1": -1}, "value_out_of_range", "1.1.1"),
        ({"1.1.1": float("nan")}, "invalid_value", "1.1.1"),
        ({"1.1.1": float("inf")}, "invalid_value", "1.1.1"),
        ({"1.1.1": Decimal("NaN")}, "invalid_value", "1.1.1"),
        ({"1.1.1": Decimal("Infinity")}, "invalid_value", "1.1.1"),
        ({"1.1.1": "2,5"}, "invalid_value", "1.1.1"),
        ({"1.1.1": 10**30}, "invalid_value", "1.1.1"),
        ({"1.1.1": "n/a"}, "not_applicable_forbidden", "1.1.1"),
    ],
)
def test_input_errors(values, code: str, indicator: str) -> None:
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score(values)
    assert (err.value.code, err.value.indicator) == (code, indicator)
    assert isinstance(err.value, ValueError)
    assert indicator in err.value.message_ru


def test_strict_and_methodology_errors() -> None:
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score({"1.1.1": 3}, strict=True)
    assert (err.value.code, err.value.indicator) == ("missing_indicator", "1.1.2")
    with pytest.raises(vsoko.MethodologyError) as merr:
        vsoko.score({}, methodology="index-2025")
    assert merr.value.code == "unknown_methodology"
    with pytest.raises(vsoko.InputError) as jerr:
        vsoko.Methodology.from_json("{")
    assert jerr.value.code == "invalid_json"
    with pytest.raises(vsoko.InputError) as eerr:
        vsoko.Methodology.from_json(b"  ")
    assert eerr.value.code == "empty_input"


@pytest.mark.parametrize("bad", [[("1.1.1", 1)], "1.1.1", 5, None])
def test_wrong_python_types_are_type_errors(bad) -> None:
    with pytest.raises(TypeError):
        vsoko.score(bad)


@pytest.mark.parametrize("value", [[1], {"a": 1}, object()])
def test_wrong_value_types_are_type_errors(value) -> None:
    with pytest.raises(TypeError, match="1.1.1"):
        vsoko.score({"1.1.1": value})


def test_yes_no_is_a_value_only_for_a_yes_no_input() -> None:
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score({"1.1.1": True})
    assert (err.value.code, err.value.indicator) == ("invalid_value", "1.1.1")


def test_non_str_key_is_type_error() -> None:
    with pytest.raises(TypeError):
        vsoko.score({1: 3})


def test_methodology_object() -> None:
    m = vsoko.Methodology.builtin("index-2023")
    assert len(m) == 72 and m.max == Decimal(143)
    assert [g["max"] for g in m.groups][:4] == [Decimal(90), Decimal(51), Decimal(24), Decimal(15)]
    assert all(i["title"] is None for i in m.indicators)
    assert m.to_dict()["max"] == Decimal(143)
    again = pickle.loads(pickle.dumps(m))
    assert again.score({"1.1.1": 3}).total == Decimal(3)
    assert vsoko.methodologies() == ["index-2023", "nocko-1547", "nok-2019"]
    assert m.short_title == "Индекс качества общего образования"
    assert vsoko.Methodology.builtin("nok-2019").short_title.startswith("Независимая оценка")
    problems = m.check({"1.1.1": 4, "1.1.2": "n/a", "9.9": 1})
    assert [p["code"] for p in problems] == ["value_out_of_range", "not_applicable_forbidden", "unknown_indicator"]


def test_result_views() -> None:
    doc = load(FIXTURES / "schools" / "index-2023" / "school_42.json")
    r = vsoko.score(doc["values"])
    d = r.to_dict()
    assert d["total"] == r.total and isinstance(d["groups"][0]["points"], Decimal)
    assert r.deficits["indicators"][0]["lost"] >= r.deficits["indicators"][-1]["lost"]
    html = r._repr_html_()
    assert "Средний уровень" in html and "Результаты обучения" in html
    # People read a decimal comma and a non-breaking space before «%» (the dict keeps Decimal).
    assert str(r.total).replace(".", ",") in html and "\u00a0%" in html


def test_score_many_matches_score_and_reports_the_index() -> None:
    schools = [load(p)["values"] for p in sorted((FIXTURES / "schools" / "index-2023").glob("*[!d].json"))]
    many = vsoko.score_many(schools)
    assert [r.total for r in many] == [vsoko.score(s).total for s in schools]
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_many([{"1.1.1": 1}, {"1.1.1": 1}, {"1.1.1": 9}])
    assert (err.value.index, err.value.code) == (2, "value_out_of_range")


def test_check_selfexam() -> None:
    for case in load(FIXTURES / "selfexam.json"):
        text = (FIXTURES / case["file"]).read_text("utf-8")
        if case["error"]:
            with pytest.raises(vsoko.InputError) as err:
                vsoko.check_selfexam(text, as_of=case["as_of"])
            assert err.value.code == case["error"], case["file"]
            continue
        result = vsoko.check_selfexam(text, as_of=case["as_of"])
        assert sorted(f["code"] for f in result["findings"]) == case["findings"], case["file"]
    import datetime

    report = load(FIXTURES / "selfexam" / "complete.json")
    check = vsoko.check_selfexam(report, as_of=datetime.date(2024, 4, 21))
    assert check["complete"] is True and check.complete is True
    assert isinstance(check, vsoko.SelfExamCheck) and check.has_errors is False
    assert check.to_dict() == {k: check[k] for k in check.keys()}
    assert json.loads(check.to_json())["due"] == check.due
    with pytest.raises(KeyError):
        check["nothing"]


def test_one_api_methodology_objects_documents_school_and_period() -> None:
    import pickle

    custom = vsoko.Methodology.builtin("nocko-1547")
    assert vsoko.score({"1.1": 7}, methodology=custom).total == Decimal(7)
    assert vsoko.score_many([{"1.1": 7}], methodology=custom)[0].methodology == "nocko-1547"
    r = vsoko.score_document({"methodology": "nocko-1547", "school": "Школа № 1", "period": "2024", "values": {"1.1": 9}})
    assert (r.school, r.period, r.total, r.methodology) == ("Школа № 1", "2024", Decimal(9), "nocko-1547")
    assert r.to_dict()["school"] == "Школа № 1"
    again = pickle.loads(pickle.dumps(r))
    assert (again.school, again.period) == ("Школа № 1", "2024")
    text = '{"school": "Лицей", "values": {"1.1.1": 3}}'
    assert (vsoko.score_document(text).school, vsoko.score_document(text).total) == ("Лицей", Decimal(3))
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_document({"values": {}, "shcool": "x"})
    assert err.value.code == "invalid_input"
    with pytest.raises(TypeError):
        vsoko.score({"1.1.1": 1}, methodology=42)


def test_the_report_class_is_report_and_result_is_a_deprecated_alias() -> None:
    import warnings

    r = vsoko.score({"1.1.1": 3})
    assert type(r) is vsoko.Report and type(r).__name__ == "Report"
    assert repr(r).startswith("<vsoko.Report ")
    with pytest.warns(DeprecationWarning, match="vsoko.Report"):
        alias = vsoko.Result
    assert alias is vsoko.Report
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "Result" not in vsoko.__all__ and vsoko.Report is type(r)


def test_titles_overlay_names_and_every_problem_is_listed(tmp_path: Path) -> None:
    m = vsoko.Methodology.builtin("index-2023")
    titled = m.with_titles({"1.1.1": "Пример названия"})
    assert titled.indicators[0]["title"] == "Пример названия"
    assert titled.score({"1.1.1": 3}).total == m.score({"1.1.1": 3}).total
    # A CSV saved by Russian Excel (Windows-1251, ";") reads the same as UTF-8.
    fixtures = Path(__file__).resolve().parents[3] / "fixtures" / "titles"
    text = (fixtures / "index_2023_example.csv").read_text(encoding="utf-8")
    (tmp_path / "t.csv").write_bytes(text.encode("cp1251"))
    for source in (fixtures / "index_2023_example.csv", str(tmp_path / "t.csv")):
        t = m.with_titles(source)
        assert t.indicators[1]["title"] == "Пример: «кавычки»; точка с запятой в названии"
        assert t.indicators[2]["title"] is None
    with pytest.raises(vsoko.VsokoError) as e:
        m.with_titles(fixtures / "index_2023_broken.csv")
    assert e.value.code == "invalid_titles"
    assert "строка 3: код «1.1.1» уже был в строке 2" in e.value.message_ru
    r = m.score({"1.1.1": 2})
    assert r.percent == Decimal("1.4")
    md = r.to_markdown()
    assert md.startswith("## Индекс качества общего образования") and "| 1.1 |" in md
