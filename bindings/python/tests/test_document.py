"""vsoko.document: the same documents the CLI writes, as bytes, read back with python-docx when
it is installed; plans read from Word tables as counted by hand."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal

import pytest

import vsoko
from conftest import FIXTURES


def score(name: str = "exactly_109.json") -> vsoko.Report:
    return vsoko.score_document(json.loads((FIXTURES / "schools/index-2023" / name).read_text("utf-8")))


def test_a_score_report_is_a_docx_whose_table_holds_the_result() -> None:
    r = score()
    d = vsoko.document("score-report", r)
    assert d.format == "docx" and d.data[:2] == b"PK"
    xml = zipfile.ZipFile(io.BytesIO(d.data)).read("word/document.xml").decode("utf-8")
    for g in r.groups:
        assert f">{g['title']}<" in xml
    docx = pytest.importorskip("docx")
    table = next(t for t in docx.Document(io.BytesIO(d.data)).tables if t.rows[0].cells[0].text == "№")
    for row, g in zip(table.rows[1:], r.groups):
        cells = [c.text for c in row.cells]
        assert Decimal(cells[2].replace(",", ".")) == Decimal(str(g["points"]))
        assert Decimal(cells[4].replace(",", ".")) == Decimal(str(g["percent"]))


def test_markdown_and_html_are_the_same_document() -> None:
    r = score()
    md = vsoko.document("score-report", r, format="md").text
    html = vsoko.document("score-report", r, format="html").text
    assert "## 2. Результаты по группам показателей" in md
    assert "<h2>2. Результаты по группам показателей</h2>" in html
    assert "Content-Security-Policy" in html
    assert vsoko.document("score-report", r)._repr_html_() == html


def test_an_order_from_plan_actions_names_the_school() -> None:
    actions = FIXTURES / "plan/cycle/actions.json"
    school = {"full_name": "МБОУ «СОШ № 1»", "director": "Иванова Мария Петровна", "city": "г. Энск"}
    md = vsoko.document("order", actions, school=school, format="md").text
    assert "ПРИКАЗЫВАЮ:" in md and "М.П.\u00a0Иванова" in md and "г. Энск" in md
    plan = vsoko.Plan.from_file(actions)
    assert vsoko.document("order", plan, school=school, format="md").text == md


def test_several_periods_give_the_dynamics() -> None:
    a = vsoko.score_document({"methodology": "nok-2019", "school": "Школа", "period": "2024", "values": {}})
    b = vsoko.score_document({"methodology": "nok-2019", "school": "Школа", "period": "2025", "values": {}})
    assert "5. Динамика" in vsoko.document("score-report", [a, b], format="md").text


def test_bad_inputs_are_errors() -> None:
    with pytest.raises(vsoko.InputError):
        vsoko.document("order", score())
    with pytest.raises(vsoko.InputError):
        vsoko.document("order", FIXTURES / "plan/cycle/actions.json", school={"fullname": "x"})
    with pytest.raises(ValueError):
        vsoko.document("letter", score())
    with pytest.raises(ValueError):
        vsoko.document("score-report", score(), format="pdf")


def test_plans_kept_in_word_import_as_counted() -> None:
    for entry in json.loads((FIXTURES / "plan/docx/expected.json").read_text("utf-8")):
        plan = vsoko.Plan.from_file(FIXTURES / "plan/docx" / entry["file"])
        assert len(plan.items) == entry["items"], entry["file"]
        assert [i["when"] for i in plan.items] == [x["when"] or "" for x in entry["item_list"]]


def test_save_writes_the_bytes(tmp_path) -> None:
    d = vsoko.document("plan", vsoko.Plan.from_file(FIXTURES / "plan/cycle/actions.json"))
    d.save(tmp_path / "plan.docx")
    assert (tmp_path / "plan.docx").read_bytes() == d.data
