#!/usr/bin/env python3
"""Writes crates/vsoko/data/plan_cyclogram_2023.json, the built-in plan template, from the cleaned
«Циклограмма ВСОКО на 2023/24 учебный год» (fixtures/plan/cyclogram_2023_24.csv). Written from the table's rules,
not from vsoko: the month cell and the group cell carry down their block; the group names the
object (results / process); one row is one item. Run it again after changing the CSV."""

import csv
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "fixtures/plan/cyclogram_2023_24.csv")
OUT = os.path.join(ROOT, "crates/vsoko/data/plan_cyclogram_2023.json")

rows = list(csv.reader(open(SRC, encoding="utf-8"), delimiter=";"))
header, body = rows[0], rows[1:]
assert header[:3] == ["Месяц", "Группа механизмов", "Механизм"], header
mechanisms, items = [], []
month = group = None
for i, (m, g, mech, content, resp, result) in enumerate(body, start=1):
    month = m.strip() or month
    group = g.strip() or group
    mech = mech.strip()
    # «Циклограмма ВСОКО на 2023/24 учебный год» misspells mechanism 2 once («…условия»); the template uses the first spelling.
    canonical = next((x for x in mechanisms if x.rstrip("х") == mech.rstrip("х")), mech)
    if canonical not in mechanisms:
        mechanisms.append(canonical)
    obj = "results" if "результат" in group.lower() else "process"
    item = {"id": str(i), "when": month, "object": obj, "mechanism": canonical,
            "content": content.strip(), "responsible": [resp.strip()] if resp.strip() else []}
    if result.strip():
        item["result"] = result.strip()
    items.append(item)

template = {
    "id": "cyclogram-2023",
    "title": "Циклограмма внутренней системы оценки качества образования (ВСОКО)",
    "source": "«Циклограмма ВСОКО на 2023/24 учебный год», a school's cyclogram, cleaned in fixtures/plan/cyclogram_2023_24.csv",
    "notes": [
        "Eight mechanisms in two groups, August to June, as in the source; the group gives the object: "
        "«…образовательных результатов» → results, «…образовательной деятельности» → process.",
        "Cells the source leaves empty (the result of some April and May rows) stay empty: "
        "the plan check reports them for the school to fill in.",
        "Months carry no year: a template is laid on any academic year.",
    ],
    "plan": {"organization": "", "academic_year": "2023/24", "mechanisms": mechanisms, "items": items},
}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(template, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{OUT}: {len(items)} items, {len(mechanisms)} mechanisms")
