"""The Excel form round trip, as a region runs it: `vsoko template --format xlsx` writes the
form, a spreadsheet library (openpyxl) fills it the way a person would, `vsoko batch` reads it
back and scores it exactly; `vsoko batch --format xlsx` writes numeric cells a spreadsheet reads.

The expected totals come from fixtures/nok/reference.py (written from DOMAIN §6, not from vsoko).
"""

import csv
import io
import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures"


def cli() -> str:
    path = os.environ.get("VSOKO_CLI") or str(ROOT / "target" / "debug" / "vsoko")
    if not Path(path).exists():
        pytest.fail(f"the vsoko CLI is not built at {path} (cargo build -p vsoko-cli)")
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([cli(), *args], capture_output=True, text=True, check=False)


def organisations() -> list[dict]:
    with open(FIXTURES / "nok" / "organisations.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_nok_form_round_trip_gives_the_reference_totals(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    done = run("template", "nok-2019", "--format", "xlsx", "-o", str(form))
    assert done.returncode == 0, done.stderr

    book = openpyxl.load_workbook(form)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = organisations()
    inputs = [k for k in rows[0] if k != "school"]
    assert header == ["school", "municipality", "period", *inputs]
    # Every input column is checked by Excel, with a Russian prompt.
    checks = {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}
    channels = checks[f"{openpyxl.utils.get_column_letter(header.index('1.2.channels') + 1)}2"]
    # An absent operator is OOXML's default, "between".
    assert (channels.type, channels.operator or "between", channels.formula1, channels.formula2) == (
        "whole", "between", "0", "5")
    assert "целое число от 0 до 5" in channels.prompt
    assert len(checks) == len(header)
    assert [ws.title for ws in book.worksheets] == ["Данные", "Входные данные", "Показатели"]

    # Fill it as a person would: numbers as numbers, the period as text.
    for r, org in enumerate(rows, start=2):
        sheet.cell(r, 1, org["school"])
        sheet.cell(r, 2, "Город N")
        sheet.cell(r, 3, "2025")
        for c, key in enumerate(inputs, start=4):
            sheet.cell(r, c, int(org[key]))
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    done = run("batch", str(filled), "--methodology", "nok-2019")
    assert done.returncode == 0, done.stderr
    got = {r["school"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    expected = json.loads((FIXTURES / "nok" / "expected.json").read_text(encoding="utf-8"))
    assert len(got) == len(expected) == len(rows)
    for school, want in expected.items():
        assert Decimal(got[school]["total"]) == Decimal(want["total"]), school
        assert got[school]["period"] == "2025"
        assert got[school]["municipality"] == "Город N"
        for k, v in want["criteria"].items():
            if v is not None:
                assert Decimal(got[school][k]) == Decimal(v), (school, k)

    # Results as a workbook: numeric cells, ids in row 1, Russian headings in row 2.
    out = tmp_path / "results.xlsx"
    done = run("batch", str(filled), "--methodology", "nok-2019", "--format", "xlsx", "-o", str(out), "--rank")
    assert done.returncode == 0, done.stderr
    res = openpyxl.load_workbook(out)
    assert [ws.title for ws in res.worksheets] == ["Школы", "Группы", "Показатели"]
    schools = res["Школы"]
    ids = [c.value for c in schools[1]]
    assert ids[:5] == ["school", "municipality", "period", "total", "max"]
    assert schools.cell(2, 4).value == "Итого баллов"
    assert schools.cell(3, 2).value == "Город N"  # the municipality is kept
    assert schools.column_dimensions["A"].width >= 30
    totals = {}
    for r in range(3, schools.max_row + 1):
        total = schools.cell(r, 4).value
        assert isinstance(total, (int, float)), total  # a number cell, not text
        totals[schools.cell(r, 1).value] = Decimal(repr(total))
    assert totals == {s: Decimal(w["total"]) for s, w in expected.items()}
    groups = res["Группы"]
    assert [c.value for c in groups[1]][3:] == ["1", "2", "3", "4", "5"]


def test_a_form_with_not_applicable_reads_back(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    assert run("template", "nocko-1547", "--format", "xlsx", "-o", str(form)).returncode == 0
    book = openpyxl.load_workbook(form)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    custom = [dv for dv in sheet.data_validations.dataValidation if dv.type == "custom"]
    assert len(custom) == 11  # every indicator of order 1547 allows «н/п»
    assert 'н/п' in custom[0].formula1
    sheet.cell(2, 1, "Школа № 1")
    values = {"1.1": 10, "1.2": "н/п", "2.1": 7.5}
    for key, v in values.items():
        sheet.cell(2, header.index(key) + 1, v)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    done = run("batch", str(filled), "--methodology", "nocko-1547", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["total"], result["max"]) == ("17.5", "100")


def test_yes_no_and_a_bad_cell_are_named(tmp_path: Path) -> None:
    methodology = tmp_path / "m.json"
    methodology.write_text(json.dumps({
        "format_version": 2, "id": "site", "title": "Сайт",
        "inputs": [{"id": "site", "kind": "yes_no"}, {"id": "pages", "kind": "count", "max": "10"}],
        "groups": [{"id": "A", "kind": "criterion", "title": None, "indicators": [
            {"id": "A.1", "title": None, "cap": "5", "rule": {"type": "yes_no", "input": "site"}},
            {"id": "A.2", "title": None, "cap": "10", "rule": {"type": "linear", "input": "pages", "factor": "1"}}]}],
    }, ensure_ascii=False), encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert run("template", "--methodology-file", str(methodology), "--format", "xlsx", "-o", str(form)).returncode == 0
    book = openpyxl.load_workbook(form)
    sheet = book.worksheets[0]
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"да,нет"'
    sheet.append(["Школа А", None, None, "да", 4])
    sheet.append(["Школа Б", None, None, "нет", 2.5])
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    done = run("batch", str(filled), "--methodology-file", str(methodology))
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert lines[1].split(",")[:4] == ["Школа А", "", "", "9"]  # school, municipality, period, total
    assert "row 3" in done.stderr and "pages" in done.stderr and "целым" in done.stderr
