#!/usr/bin/env python3
"""Generates a region's year of term marks for the marks benchmark (deterministic, seeded):

    gen_marks.py ROWS OUT.csv

The long table `vsoko marks` reads (`Школа;Класс;ФИО;Предмет;Учитель;Период;Отметка`, UTF-8,
`;`): schools one after another until ROWS rows are written (the last school is cut short);
classes 1–11 with one to three letters, 20–30 pupils a class, 12 subjects a class, the four
quarters and the year. No municipality column: `vsoko marks` does not read one.

The mix of marks: each pupil has a level, each mark is the level plus noise, so most marks are
3–5 and some 2; rare «н/а», empty cells and «осв» (mostly in physical education); the first
grade is taught without marks (every subject «зач», rarely «незач»), and a third of the schools
give «зач»/«незач» in physical education. No duplicates, no invalid cells: every row counts.

Rows are written with plain string joins (10,000,000 rows in well under a minute).
"""

import random
import sys

SURNAMES = (
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
    "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
    "Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв"
).split()
MALE = "Александр Дмитрий Максим Сергей Андрей Алексей Артём Илья Кирилл Михаил Никита Егор".split()
FEMALE = "Анна Мария Елена Дарья Алина Ирина Екатерина Полина Ольга Софья Виктория Вера".split()
PATRONYMIC = "АВГДЕИКМНОПС"

# The subjects of a class by grade (12 each); the first grade gets «зач»/«незач».
PRIMARY = [
    "Русский язык", "Литературное чтение", "Математика", "Окружающий мир", "Иностранный язык",
    "Музыка", "Изобразительное искусство", "Технология", "Физическая культура",
    "Родной язык", "Литературное чтение на родном языке", "ОРКСЭ",
]
MIDDLE = [
    "Русский язык", "Литература", "Математика", "История", "Обществознание", "География",
    "Биология", "Иностранный язык", "Музыка", "Изобразительное искусство", "Технология",
    "Физическая культура",
]
SENIOR = [
    "Русский язык", "Литература", "Алгебра", "Геометрия", "Информатика", "Физика", "Химия",
    "Биология", "История", "Обществознание", "Иностранный язык", "Физическая культура",
]
PERIODS = ["I четверть", "II четверть", "III четверть", "IV четверть", "Год"]
HEADER = "Школа;Класс;ФИО;Предмет;Учитель;Период;Отметка\n"


def subjects(grade: int) -> list:
    return PRIMARY if grade <= 4 else MIDDLE if grade <= 7 else SENIOR


def person(rng: random.Random, initials: bool) -> str:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        surname += "а"
        name = rng.choice(FEMALE)
    else:
        name = rng.choice(MALE)
    if initials:
        return f"{surname} {name[0]}. {rng.choice(PATRONYMIC)}."
    return f"{surname} {name}"


def pupils(rng: random.Random, n: int) -> list:
    """n distinct pupil names for a class."""
    seen = set()
    out = []
    while len(out) < n:
        p = person(rng, False)
        if p in seen:
            p = f"{p} {rng.choice(PATRONYMIC)}."
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def numeric(rng: random.Random, level: float) -> str:
    """A mark from 2 to 5 around the pupil's level, or a rare н/а / empty cell."""
    r = rng.random()
    if r < 0.003:
        return "н/а"
    if r < 0.005:
        return ""
    m = int(level + rng.random() * 1.6 - 0.3)
    return "5" if m >= 5 else "2" if m <= 2 else str(m)


def main(rows: int, dst: str) -> None:
    rng = random.Random(20261202)
    written = 0
    school = 0
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        while written < rows:
            school += 1
            name = f"МБОУ СОШ № {school}"
            pass_fail_pe = school % 3 == 0
            # A school's teachers: one per (subject, stream of grades); a primary class has its own.
            staff = {}
            for grade in range(1, 12):
                for letter in "АБВ"[: rng.choice((1, 2, 2, 3))]:
                    cls = f"{grade}{letter}"
                    form_teacher = person(rng, True)
                    names = pupils(rng, rng.randint(20, 30))
                    levels = [rng.gauss(3.9, 0.7) for _ in names]
                    lines = []
                    for subject in subjects(grade):
                        if grade <= 4 and subject not in ("Иностранный язык", "Физическая культура", "Музыка"):
                            teacher = form_teacher
                        else:
                            key = (subject, grade >= 8, letter)
                            teacher = staff.get(key) or staff.setdefault(key, person(rng, True))
                        pe = subject == "Физическая культура"
                        exempt = {i for i in range(len(names)) if pe and rng.random() < 0.03}
                        prefix = f"{name};{cls};"
                        quarters = [[] for _ in names]
                        for period in PERIODS:
                            tail = f";{subject};{teacher};{period};"
                            for i, pupil in enumerate(names):
                                if i in exempt:
                                    mark = "осв"
                                elif grade == 1 or (pe and pass_fail_pe):
                                    mark = "незач" if rng.random() < 0.01 else "зач"
                                elif period == "Год" and quarters[i]:
                                    q = quarters[i]
                                    mark = str(min(5, max(2, int(sum(q) / len(q) + 0.5))))
                                else:
                                    mark = numeric(rng, levels[i])
                                    if mark.isdigit():
                                        quarters[i].append(int(mark))
                                lines.append(prefix + pupil + tail + mark)
                    n = min(len(lines), rows - written)
                    if n <= 0:
                        break
                    out.write("\n".join(lines[:n]))
                    out.write("\n")
                    written += n
                if written >= rows:
                    break
    print(f"{written} rows, {school} schools -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
