#!/usr/bin/env python3
"""Generates a region's ВПР results per pupil for the tasks benchmark (deterministic, seeded):

    gen_tasks.py ROWS OUT.csv

The long table `vsoko tasks` reads (fixtures/tasks/vpr_region.csv's shape, comma, UTF-8):
`school,municipality,year,procedure,subject,grade,class,pupil,variant,1 (1б),…,20 (2б),score,mark`.
Schools one after another until ROWS rows are written (the last one is cut short), about one
school per 60 rows: each school writes one work (a grade 4–8 and a subject), 2–4 classes of
15–25 pupils; the schools spread over 40 municipalities. Every work has the same 20 tasks with
maxima 1–3 (`TASKS`). About 3 % of the pupils are absent («отсутствовал», task cells, score and
mark empty) and about 1 % of the other task cells hold «Х» (not attempted: 0 points); the score
is the sum of the points and the mark 2–5 follows the share of the maximum. Pupil codes are
unique in the region. No invalid cell: every row counts.

Rows are written with plain string joins.
"""

import random
import sys

# The 20 tasks' maxima (the same for every procedure × subject × grade: the benchmark does not
# need a different paper per work).
TASKS = [1, 1, 2, 1, 2, 3, 1, 2, 1, 1, 2, 3, 1, 2, 2, 1, 3, 1, 2, 2]
TOTAL = sum(TASKS)
SUBJECTS = {
    4: ["Русский язык", "Математика", "Окружающий мир"],
    5: ["Русский язык", "Математика", "История", "Биология"],
    6: ["Русский язык", "Математика", "История", "Биология", "География", "Обществознание"],
    7: ["Русский язык", "Математика", "История", "Биология", "География", "Обществознание",
        "Физика", "Иностранный язык"],
    8: ["Русский язык", "Математика", "История", "Биология", "География", "Обществознание",
        "Физика", "Химия"],
}
MUNICIPALITIES = [f"Муниципальный район {i}" for i in range(1, 36)] + [
    "Город А", "Город Б", "Город В", "Город Г", "Город Д"]
HEADER = ",".join(
    ["school", "municipality", "year", "procedure", "subject", "grade", "class", "pupil", "variant"]
    + [f"{i} ({m}б)" for i, m in enumerate(TASKS, 1)] + ["score", "mark"]) + "\n"
ABSENT = ",".join(["отсутствовал"] + [""] * (len(TASKS) + 2))


def mark(score: int) -> str:
    share = score / TOTAL
    return "5" if share >= 0.8 else "4" if share >= 0.6 else "3" if share >= 0.35 else "2"


def main(rows: int, dst: str) -> None:
    rng = random.Random(20261202)
    rand = rng.random
    written = 0
    school = 0
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        while written < rows:
            school += 1
            grade = rng.randint(4, 8)
            subject = rng.choice(SUBJECTS[grade])
            municipality = MUNICIPALITIES[rng.randrange(len(MUNICIPALITIES))]
            head = f"МБОУ СОШ № {school},{municipality},2025,ВПР,{subject},{grade},"
            # A school's level, and each class's around it.
            level = rng.gauss(0.62, 0.1)
            lines = []
            for c in range(rng.randint(2, 4)):
                cls = f"{grade}{'АБВГ'[c]}"
                class_level = level + rng.gauss(0, 0.05)
                for i in range(rng.randint(15, 25)):
                    pupil = f"{school:06d}{c}{i:02d}"
                    prefix = f"{head}{cls},{pupil},"
                    if rand() < 0.03:
                        lines.append(prefix + ABSENT)
                        continue
                    p = min(0.97, max(0.05, class_level + rng.gauss(0, 0.15)))
                    cells = []
                    score = 0
                    for m in TASKS:
                        if rand() < 0.01:
                            cells.append("Х")
                            continue
                        got = 0
                        for _ in range(m):
                            if rand() < p:
                                got += 1
                        score += got
                        cells.append(str(got))
                    lines.append(f"{prefix}{1 + (i & 1)},{','.join(cells)},{score},{mark(score)}")
            n = min(len(lines), rows - written)
            out.write("\n".join(lines[:n]))
            out.write("\n")
            written += n
    print(f"{written} rows, {school} schools -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
