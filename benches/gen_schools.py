#!/usr/bin/env python3
"""Writes a deterministic CSV of N schools for index-2023 (the batch input layout).

    python3 benches/gen_schools.py 40000 > /tmp/schools.csv
    python3 benches/gen_schools.py 40000 --ru > /tmp/schools_ru.csv   # ';', decimal comma, BOM

Each school has a hidden "strength" so totals spread over all three levels; about 2 % of the
cells are empty (missing) and about 1 % are halves (2.5, 1.5). Same N and seed, same file.
"""
import argparse
import random
import sys

CRITERIA = [("1.1", 17, 3), ("1.2", 8, 3), ("1.3", 5, 3), ("2.1", 7, 2), ("2.2", 2, 2),
            ("2.3", 2, 2), ("3.1", 2, 1), ("3.2", 26, 1), ("3.3", 3, 1)]
IDS = [(f"{c}.{k}", cap) for c, n, cap in CRITERIA for k in range(1, n + 1)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1547)
    ap.add_argument("--ru", action="store_true", help="';' separator, decimal comma, UTF-8 BOM")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    sep = ";" if args.ru else ","
    out = sys.stdout
    if args.ru:
        out.write("\ufeff")
    out.write(sep.join(["school"] + [i for i, _ in IDS]) + "\n")
    for s in range(1, args.n + 1):
        strength = rnd.random()
        cells = [f"Школа № {s}"]
        for _, cap in IDS:
            r = rnd.random()
            if r < 0.02:
                cells.append("")
                continue
            points = min(cap, max(0, round(cap * (strength + rnd.uniform(-0.35, 0.35)))))
            if r > 0.99 and points > 0:
                text = f"{points - 1}.5"
            else:
                text = str(points)
            cells.append(text.replace(".", ",") if args.ru else text)
        out.write(sep.join(cells) + "\n")


if __name__ == "__main__":
    main()
