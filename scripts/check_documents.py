#!/usr/bin/env python3
"""Reads back every document `vsoko doc` writes, with the tools a school has.

Each DOCX is opened with python-docx (an independent reader of Word files), and what it holds is
checked against the JSON the same command line writes: every number of a table (decimal comma
read back as a dot), every item of an order against the actions, every «не заполнен» against the
result's missing indicators, the blanks of a school with no requisites. Then LibreOffice converts
every DOCX to PDF headless (a file LibreOffice cannot read gives no PDF), and the first page of
each is rendered to PNG in target/documents/png/ to be looked at.

Usage: scripts/check_documents.py [path/to/vsoko]   (default: target/debug/vsoko)
"""

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

import docx
from docx.enum.section import WD_ORIENT

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VSOKO = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/vsoko"))
OUT = os.path.join(ROOT, "target/documents")
F = lambda *p: os.path.join(ROOT, "fixtures", *p)  # noqa: E731

passed = 0
failures = []


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def vsoko(*args, expect=0):
    r = subprocess.run([VSOKO, *args], capture_output=True)
    if r.returncode != expect:
        raise SystemExit(f"vsoko {' '.join(args)}: exit {r.returncode}, expected {expect}\n{r.stderr.decode()}")
    return r.stdout


def number(text):
    """A number as the document writes it: decimal comma, non-breaking spaces in thousands."""
    return Decimal(text.replace("\xa0", "").replace(" ", "").replace(",", "."))


def same(text, value):
    """Whether a cell shows the JSON's decimal (a string) or null (`—`)."""
    if value is None:
        return text == "—"
    return number(text) == Decimal(str(value))


def doc(name):
    return docx.Document(os.path.join(OUT, name))


def paragraphs(d):
    return [p.text for p in d.paragraphs]


def table_with(d, first_heading):
    for t in d.tables:
        if t.rows and t.rows[0].cells[0].text == first_heading:
            return t
    return None


def score_report():
    inp = F("schools", "index-2023", "exactly_109.json")
    result = json.loads(vsoko("score", inp, "--format", "json"))
    res_file = os.path.join(OUT, "score_result.json")
    with open(res_file, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    vsoko("doc", "score-report", inp, "-o", os.path.join(OUT, "score-report.docx"))
    vsoko("doc", "score-report", res_file, "--school", F("documents", "school.json"),
          "-o", os.path.join(OUT, "score-report-school.docx"))
    for name in ("score-report.docx", "score-report-school.docx"):
        d = doc(name)
        t = table_with(d, "№")
        check(t is not None, f"{name}: the groups table")
        rows = t.rows[1:]
        check(len(rows) == len(result["groups"]), f"{name}: one row per group")
        for row, g in zip(rows, result["groups"]):
            c = [cell.text for cell in row.cells]
            check(c[0] == g["id"], f"{name}: group {g['id']} in order")
            check(same(c[2], g["points"]), f"{name}: {g['id']} points {c[2]} = {g['points']}")
            check(same(c[3], g["max"]), f"{name}: {g['id']} max {c[3]} = {g['max']}")
            check(same(c[4], g["percent"]), f"{name}: {g['id']} percent {c[4]} = {g['percent']}")
            check(same(c[5], g["lost"]), f"{name}: {g['id']} lost {c[5]} = {g['lost']}")
        text = "\n".join(paragraphs(d))
        pct = str(Decimal(result["percent"])).replace(".", ",")
        check(f"({pct}\xa0%)" in text, f"{name}: the total's percent {pct} in the text")
        check(len(d.inline_shapes) == 1, f"{name}: one chart picture")
    no_school = "\n".join(paragraphs(doc("score-report.docx")))
    check("СПРАВКА" in no_school, "score-report: titled СПРАВКА")
    school = doc("score-report-school.docx")
    sig = "\n".join(c.text for t in school.tables for r in t.rows for c in r.cells)
    check("И.С.\xa0Петров" in sig and "Заместитель директора по УВР" in sig, "score-report: the deputy signs")
    check("Муниципальное бюджетное" in school.paragraphs[0].text, "score-report: headed with the full name")
    # Nothing filled: every indicator listed as not filled.
    empty = os.path.join(OUT, "empty_nok.json")
    with open(empty, "w", encoding="utf-8") as f:
        json.dump({"methodology": "nok-2019", "school": "Школа", "values": {}}, f)
    missing = json.loads(vsoko("score", empty, "--format", "json"))["missing"]
    vsoko("doc", "score-report", empty, "-o", os.path.join(OUT, "score-report-empty.docx"))
    text = "\n".join(paragraphs(doc("score-report-empty.docx")))
    for ind in missing:
        check(re.search(rf"показатель {re.escape(ind)}( «[^»]*»)? не заполнен", text) is not None,
              f"score-report: «показатель {ind} … не заполнен»")


def dynamics_per_school():
    folder = os.path.join(OUT, "per-school")
    shutil.rmtree(folder, ignore_errors=True)
    vsoko("doc", "score-report", F("dynamics", "long.csv"), "--methodology-file",
          F("dynamics", "methodology.json"), "--per-school", folder)
    files = sorted(os.listdir(folder))
    periods = {}
    with open(F("dynamics", "long.csv"), encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for cells in rows:
            periods.setdefault(f"{cells[1]} — {cells[0]}", set()).add(cells[2])
    check(sorted(files) == sorted(f"{s}.docx" for s in periods), "per-school: one document per school, named after it")
    for school, seen in periods.items():
        d = docx.Document(os.path.join(folder, f"{school}.docx"))
        t = table_with(d, "Период")
        if len(seen) > 1:
            got = [r.cells[0].text for r in t.rows[1:]] if t else []
            check(got == sorted(seen), f"per-school {school}: periods {got} oldest first")
        else:
            check(t is None, f"per-school {school}: one period, no dynamics")


def objectivity_report():
    pupils = F("objectivity", "small.csv")
    result = json.loads(vsoko("objectivity", pupils, "--format", "json"))
    vsoko("doc", "objectivity-report", pupils, "-o", os.path.join(OUT, "objectivity-report.docx"))
    d = doc("objectivity-report.docx")
    t = table_with(d, "Организация")
    check(t is not None, "objectivity-report: the table")
    groups = {(g["school"], g["procedure"], g["subject"], g["grade"], g["year"]): g for g in result["groups"]}
    rows = t.rows[1:]
    check(len(rows) == len(groups), "objectivity-report: one row per group")
    for row in rows:
        c = [cell.text for cell in row.cells]
        g = groups.get((c[0], c[1], c[2], int(c[3]), int(c[4])))
        check(g is not None, f"objectivity-report: row {c[:5]} is a group of the result")
        if g is None:
            continue
        check(int(c[5]) == g["participants"], f"objectivity-report: participants of {c[0]}")
        for col, key in ((6, "lowered_pct"), (7, "confirmed_pct"), (8, "raised_pct"), (9, "mean_score")):
            check(same(c[col], g[key]), f"objectivity-report: {key} of {c[0]} {c[col]} = {g[key]}")
    text = "\n".join(paragraphs(d))
    check(("не выявлены" in text) == (not result["flags"]), "objectivity-report: signs stated as found")


def order():
    actions_file = F("plan", "cycle", "actions.json")
    plan = json.load(open(actions_file, encoding="utf-8"))
    actions = [i for i in plan["items"] if i.get("deficit") or i.get("follows_up")]
    vsoko("doc", "order", actions_file, "-o", os.path.join(OUT, "order.docx"))
    vsoko("doc", "order", actions_file, "--school", F("documents", "school.json"),
          "-o", os.path.join(OUT, "order-school.docx"))
    for name in ("order.docx", "order-school.docx"):
        text = paragraphs(doc(name))
        start = text.index("ПРИКАЗЫВАЮ:")
        items = [p for p in text[start + 1:] if re.match(r"^\d+\. ", p)]
        check(len(items) == len(actions) + 1, f"{name}: {len(items)} items for {len(actions)} actions and the control item")
        for n, (item, a) in enumerate(zip(items, actions), 1):
            check(item.startswith(f"{n}. {a['content']}."), f"{name}: item {n} is the action «{a['content']}»")
            check(f"Срок: {a['when']}." in item, f"{name}: item {n} has its term")
            check(all(r in item for r in a["responsible"]), f"{name}: item {n} names the responsible")
        check(items[-1].endswith("Контроль за исполнением настоящего приказа оставляю за собой."), f"{name}: the control item")
    blank = doc("order.docx")
    sig = [c.text for t in blank.tables for r in t.rows for c in r.cells]
    check("Директор" in sig and "________________" in sig, "order: no requisites, the director's name is a blank")
    check(blank.paragraphs[0].text == plan["organization"], "order: headed with the plan's organisation")
    full = doc("order-school.docx")
    sig = [c.text for t in full.tables for r in t.rows for c in r.cells]
    check("М.П.\xa0Иванова" in sig, "order: the director signs as «М.П. Иванова»")
    check("г. Энск" in paragraphs(full), "order: the place")
    # 10,000 actions: still a document LibreOffice and python-docx open.
    many = dict(plan)
    many["items"] = [{"id": f"a{i}", "when": "январь", "content": f"Мера {i}", "responsible": ["Заместитель директора по УВР"],
                      "deficit": {"methodology": "marks", "group": "failing", "lost": "1", "class": "7Б"}} for i in range(10000)]
    big = os.path.join(OUT, "actions_10000.json")
    with open(big, "w", encoding="utf-8") as f:
        json.dump(many, f, ensure_ascii=False)
    vsoko("doc", "order", big, "-o", os.path.join(OUT, "order-10000.docx"))
    text = paragraphs(doc("order-10000.docx"))
    start = text.index("ПРИКАЗЫВАЮ:")
    check(sum(1 for p in text[start + 1:] if re.match(r"^\d+\. ", p)) == 10001, "order: 10,000 actions and the control item")


def plan():
    csv = F("plan", "monthly_plan_2023_24.csv")
    items = json.loads(vsoko("plan", "import", csv, "--year", "2023/24"))["items"]
    vsoko("doc", "plan", csv, "--year", "2023/24", "-o", os.path.join(OUT, "plan.docx"))
    d = doc("plan.docx")
    check(d.sections[0].orientation == WD_ORIENT.LANDSCAPE, "plan: A4 landscape")
    check(abs(d.sections[0].page_width.mm - 297) < 1 and abs(d.sections[0].page_height.mm - 210) < 1, "plan: A4 size")
    t = table_with(d, "№")
    ids = [r.cells[0].text for r in t.rows[1:] if len({id(c._tc) for c in r.cells}) > 1]
    check(ids == [i["id"] for i in items], "plan: one row per item, in order")
    header_xml = t.rows[0]._tr.xml
    check("w:tblHeader" in header_xml, "plan: the heading row repeats on each page")


def selfexam():
    report = F("selfexam", "complete.json")
    vsoko("doc", "selfexam", report, "-o", os.path.join(OUT, "selfexam.docx"))
    sections = json.load(open(report, encoding="utf-8"))["sections"]
    text = paragraphs(doc("selfexam.docx"))
    check("ОТЧЁТ" in text, "selfexam: the title page")
    for s in sections.values():
        for part in [p.strip() for p in s.get("text", "").split("\n") if p.strip()]:
            check(part in text, f"selfexam: the text «{part[:30]}…»")
    check("М.П." in text, "selfexam: the place of the seal")


def libreoffice():
    files = sorted(f for f in os.listdir(OUT) if f.endswith(".docx"))
    files += [os.path.join("per-school", f) for f in sorted(os.listdir(os.path.join(OUT, "per-school")))[:2]]
    pdf = os.path.join(OUT, "pdf")
    png = os.path.join(OUT, "png")
    shutil.rmtree(pdf, ignore_errors=True)
    shutil.rmtree(png, ignore_errors=True)
    os.makedirs(png)
    profile = tempfile.mkdtemp(prefix="lo-vsoko-")
    subprocess.run(["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", pdf, *[os.path.join(OUT, f) for f in files]],
                   capture_output=True, timeout=900)
    shutil.rmtree(profile, ignore_errors=True)
    for f in files:
        stem = os.path.splitext(os.path.basename(f))[0]
        out = os.path.join(pdf, stem + ".pdf")
        ok = os.path.exists(out) and os.path.getsize(out) > 0
        check(ok, f"LibreOffice converts {f} to PDF")
        if not ok:
            continue
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        check(pages >= 1, f"{f}: {pages} pages")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", out, os.path.join(png, stem)], check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    score_report()
    dynamics_per_school()
    objectivity_report()
    order()
    plan()
    selfexam()
    libreoffice()
    if failures:
        print(f"{len(failures)} failed, {passed} passed")
        sys.exit(1)
    print(f"{passed} passed")


if __name__ == "__main__":
    main()
