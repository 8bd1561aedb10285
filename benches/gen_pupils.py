#!/usr/bin/env python3
"""Generates a long pupil table for the objectivity benchmark (deterministic):
gen_pupils.py ROWS > pupils.csv. Schools of ~25 pupils per group, 2 subjects, grades 4 and 5,
years 2023 and 2024, 20 municipalities; marks follow scores with noise."""

import random
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(7)
out = sys.stdout
out.write("school,municipality,year,procedure,subject,grade,class,pupil,score,max_score,mark,journal_mark\n")
written = 0
school = 0
subjects = [("Математика", 20), ("Русский язык", 38)]
while written < rows:
    school += 1
    muni = f"МО {school % 20 + 1}"
    level = rng.random()
    for year in (2023, 2024):
        for grade in (4, 5):
            for subject, mx in subjects:
                for p in range(25):
                    if written >= rows:
                        break
                    score = max(0, min(mx, int(rng.gauss(level * mx, mx / 6))))
                    mark = 2 + min(3, score * 4 // (mx + 1))
                    journal = max(2, min(5, mark + rng.choice((-1, 0, 0, 0, 1))))
                    out.write(f"S{school:06d},{muni},{year},ВПР,{subject},{grade},{grade}А,{p + 1},{score},{mx},{mark},{journal}\n")
                    written += 1
