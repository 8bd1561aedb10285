#!/usr/bin/env bash
# Teachers and surveys benchmark: a register of N teachers (default 100,000; a row per course,
# so about twice as many rows) through `vsoko teachers --format json`, and a region's survey of
# M respondents × 30 questions (default 1,000,000) through `vsoko survey --by Класс --format
# json`, each beside a plain Python `csv` pass over the same file (reading and counting only) —
# median of 3 runs, the ratio, and the issue's targets (1 s, 5 s). Asserts nothing.
#   benches/people.sh [N] [M]        (VSOKO_BUILD=0: use target/release/vsoko as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
m=${2:-1000000}
work=target/bench-people
mkdir -p "$work"
[ "${VSOKO_BUILD:-1}" = 0 ] || cargo build --release -p vsoko-cli --locked --quiet
bin=target/release/vsoko
register=$work/register_$n.csv
survey=$work/survey_$m.csv
definition=$work/survey_30.json
python3 - "$n" "$m" "$register" "$survey" "$definition" <<'PY'
import json, os, random, sys
n, m, register, survey, definition = int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:]
rnd = random.Random(27)
cats = ["высшая", "первая", "", "соответствие занимаемой должности", "педагог-наставник"]
if not os.path.exists(register):
    with open(register, "w", encoding="utf-8") as f:
        f.write("ФИО;Должность;Предметы;Категория;Дата присвоения;Действует до;Дата последней аттестации;Дата приёма;Курсы ПК: дата окончания;Курсы ПК: часы;Курсы ПК: тема\n")
        for i in range(n):
            c = rnd.choice(cats)
            day = lambda y0, y1: f"{rnd.randint(1, 28):02}.{rnd.randint(1, 12):02}.{rnd.randint(y0, y1)}"
            set_on = day(2018, 2025) if c in ("высшая", "первая", "педагог-наставник") else ""
            last = day(2019, 2024) if c.startswith("соотв") else ""
            hired = day(1995, 2024)
            for k in range(rnd.randint(0, 3) or 1):
                course = day(2019, 2025) if rnd.random() < 0.9 else ""
                hours = str(rnd.choice([16, 36, 72, 108])) if course else ""
                topic = "Курсы повышения квалификации" if course else ""
                f.write(f"Педагог {i:06d} Иванович;учитель;математика;{c};{set_on};;{last};{hired};{course};{hours};{topic}\n")
questions = [{"id": f"q{j+1}", "column": f"Вопрос {j+1}: удовлетворены ли вы?",
              "satisfied": ["Да", "Скорее да"], "not_satisfied": ["Нет", "Скорее нет"],
              "not_applicable": ["Затрудняюсь ответить"]} for j in range(25)]
questions += [{"id": f"q{j+1}", "column": f"Вопрос {j+1}: оцените от 1 до 5",
               "scale": {"min": 1, "max": 5, "satisfied_from": 4}} for j in range(25, 30)]
with open(definition, "w", encoding="utf-8") as f:
    json.dump({"format": "vsoko-survey", "format_version": 1, "id": "bench", "title": "Бенчмарк",
               "timestamp": "Отметка времени", "respondent": ["Класс"], "questions": questions}, f, ensure_ascii=False)
if not os.path.exists(survey):
    answers = ["Да", "Скорее да", "Нет", "Скорее нет", "Затрудняюсь ответить", ""]
    classes = [f"{g}{l}" for g in range(1, 12) for l in "АБВ"]
    with open(survey, "w", encoding="utf-8") as f:
        f.write("Отметка времени,Класс," + ",".join(q["column"] for q in questions) + "\n")
        for i in range(m):
            row = [rnd.choice(answers) for _ in range(25)] + [str(rnd.randint(1, 5)) for _ in range(5)]
            f.write(f"10.10.2024 17:{i % 60:02}:00,{classes[i % len(classes)]}," + ",".join(row) + "\n")
PY

median_ms() {
  local times=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

# A plain Python pass over the survey: csv reader, count non-empty answers per question.
python_survey=$(cat <<'PY'
import csv, sys
counts = None
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    r = csv.reader(f)
    header = next(r)
    counts = [0] * len(header)
    for row in r:
        for i, cell in enumerate(row):
            if cell:
                counts[i] += 1
print(sum(counts))
PY
)
python_register=$(cat <<'PY'
import csv, sys
names = set()
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    r = csv.reader(f, delimiter=";")
    next(r)
    for row in r:
        names.add(row[0])
print(len(names))
PY
)

teachers=$(median_ms "$bin" teachers "$register" --as-of 2025-01-15 --format json)
teachers_py=$(median_ms python3 -c "$python_register" "$register")
survey_ms=$(median_ms "$bin" survey "$survey" --definition "$definition" --by Класс --format json)
survey_py=$(median_ms python3 -c "$python_survey" "$survey")
rows=$(( $(wc -l <"$register") - 1 ))
ratio() { python3 -c "print(f'{$1 / max($2, 1):.2f}')"; }
echo "== vsoko people bench: $n teachers ($rows register rows), $m respondents × 30 questions, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "| measure | vsoko | plain Python csv pass | vsoko ÷ Python | target | vsoko ÷ target |"
echo "|---|---|---|---|---|---|"
echo "| register: vsoko teachers --format json | ${teachers} ms | ${teachers_py} ms | $(ratio "$teachers" "$teachers_py") | 1000 ms | $(ratio "$teachers" 1000) |"
echo "| survey: vsoko survey --by Класс --format json | ${survey_ms} ms | ${survey_py} ms | $(ratio "$survey_ms" "$survey_py") | 5000 ms | $(ratio "$survey_ms" 5000) |"
