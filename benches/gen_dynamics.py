#!/usr/bin/env python3
"""Writes deterministic index-2023 input for N schools over two periods, in municipalities:
one file per period (`<dir>/2023.csv`, `<dir>/2024.csv`, columns school, municipality, then the
72 indicator ids), the layout a region keeps.

    python3 benches/gen_dynamics.py 40000 /tmp/dyn

Each school has a hidden strength per period (the second drifts from the first, so some rise
and some fall) and each municipality a shift, so ratings and declines are not flat. About 2 % of
cells are empty, 1 % of schools appear in one period only. Same N and seed, same files.
"""
import argparse
import os
import random

CRITERIA = [("1.1", 17, 3), ("1.2", 8, 3), ("1.3", 5, 3), ("2.1", 7, 2), ("2.2", 2, 2),
            ("2.3", 2, 2), ("3.1", 2, 1), ("3.2", 26, 1), ("3.3", 3, 1)]
IDS = [(f"{c}.{k}", cap) for c, n, cap in CRITERIA for k in range(1, n + 1)]
MUNICIPALITIES = ["Северный район", "Южный район", "г. Энск", "Заречный округ", "Лесной район",
                  "г. Приморск", "Озёрный район", "Степной район", "г. Новоград", "Горный район"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    shift = {m: rnd.uniform(-0.12, 0.12) for m in MUNICIPALITIES}
    schools = []
    for s in range(1, args.n + 1):
        m = MUNICIPALITIES[s % len(MUNICIPALITIES)]
        a = min(1.0, max(0.0, rnd.random() * 0.9 + 0.05 + shift[m]))
        b = min(1.0, max(0.0, a + rnd.gauss(0, 0.08)))
        only = rnd.random()
        schools.append((f"Школа № {s}", m, a if only > 0.005 else None, b if only < 0.995 else None))
    for period, idx in (("2023", 2), ("2024", 3)):
        with open(os.path.join(args.dir, f"{period}.csv"), "w", encoding="utf-8") as out:
            out.write(",".join(["school", "municipality"] + [i for i, _ in IDS]) + "\n")
            for row in schools:
                strength = row[idx]
                if strength is None:
                    continue
                cells = [row[0], row[1]]
                for _, cap in IDS:
                    r = rnd.random()
                    if r < 0.02:
                        cells.append("")
                        continue
                    cells.append(str(min(cap, max(0, round(cap * (strength + rnd.uniform(-0.35, 0.35)))))))
                out.write(",".join(cells) + "\n")


if __name__ == "__main__":
    main()
