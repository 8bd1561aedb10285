#!/usr/bin/env bash
# Seeds the fuzz corpora from the shared fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/rule_values corpus/score_json corpus/methodology_json corpus/csv_rows corpus/xlsx_sheet corpus/methodology_decimals corpus/plan_table corpus/pupil_table corpus/pupil_columns
for f in ../fixtures/schools/*/*.json ../fixtures/bad_inputs/*.json ../fixtures/batch/*.csv; do
  cp "$f" "corpus/score_json/$(basename "$(dirname "$f")")_$(basename "$f")"
done
cp ../crates/vsoko/data/methodologies/*.json ../fixtures/methodologies/*.json ../fixtures/rules/rules*.json corpus/methodology_json/
for f in ../fixtures/bad_methodologies/*.json; do cp "$f" "corpus/methodology_json/bad_$(basename "$f")"; done
for f in ../fixtures/batch/*.csv ../fixtures/batch/reliability/*.csv; do cp "$f" "corpus/csv_rows/$(basename "$f")"; done
# Raw workbooks exercise the zip/XML path; the target also builds sheets from any bytes.
cp ../fixtures/batch/*.xlsx ../fixtures/xlsx/*.xlsx corpus/xlsx_sheet/
printf '\x01\x02\x03\x00abc\x05\x00\x10\x02\x00' > corpus/xlsx_sheet/seed_cells
printf '\x9c9999999999999999999999999999\x1c999999999999' > corpus/methodology_decimals/seed_28_digits
cp regressions/csv_rows-* corpus/csv_rows/ 2>/dev/null || true
mkdir -p corpus/marks_sheets
cp ../fixtures/marks/*.csv ../fixtures/marks/*.xlsx corpus/marks_sheets/
cp ../fixtures/plan/*.csv ../fixtures/plan/findings/*.json corpus/plan_table/
cp ../fixtures/objectivity/small.csv ../fixtures/objectivity/spearman_ties.csv ../fixtures/objectivity/cohort_edge.csv corpus/pupil_table/
cp regressions/plan_table-* corpus/plan_table/ 2>/dev/null || true
cp regressions/pupil_columns-* corpus/pupil_columns/ 2>/dev/null || true
# Raw inputs of the rule-kind cases and of nok-2019 organisations.
python3 - <<'PY'
import csv, json, pathlib
out = pathlib.Path("corpus/rule_values")
for i, line in enumerate(pathlib.Path("../fixtures/rules/cases.jsonl").read_text(encoding="utf-8").splitlines()):
    if line.strip():
        (out / f"case_{i}.json").write_text(json.dumps(json.loads(line)["values"], ensure_ascii=False), encoding="utf-8")
with open("../fixtures/nok/organisations.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        school = row.pop("school")
        (out / f"{school}.json").write_text(json.dumps(row), encoding="utf-8")
PY
# Periods as schools write them; the first two bytes pick the academic year ("!\0" is 2023/24).
mkdir -p corpus/plan_period
i=0
for p in 'январь – март' 'с сентября по май' 'с 01.09 по 31.12' '01.09–31.12' 'сентябрь, январь, май' \
  'I четверть' '3 четверть 2030' '2 полугодие 2024' 'до 20 апреля' '31.02.2024' 'январь 0000' \
  'сент.–дек.' 'май 2020 – май 2025' 'в течение года' 'По итогам года' 'декада' 'октябрь и март'; do
  printf '!\0%s' "$p" > "corpus/plan_period/seed_$i"; i=$((i + 1))
done
