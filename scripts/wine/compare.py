"""The Windows build against the Linux one, under Wine: the same commands give the same output.
Run by scripts/test-windows. Each case runs both programs in a scratch folder and compares what
they wrote (stdout, or the file's contents; an XLSX by the XML of its sheets, since the
workbook's creation time differs between runs). The CSV batch reads a file named in Cyrillic."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

exe, linux, root = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
work = root / "target" / "wine-test"
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
fixtures = root / "fixtures"
shutil.copy(fixtures / "batch/ru_excel.csv", work / "школы 2024.csv")
shutil.copy(fixtures / "schools/index-2023/school_42.json", work / "школа.json")
shutil.copy(fixtures / "plan/cycle/marked_plan.json", work / "план.json")

WINE = ["/usr/lib/wine/wine64", str(exe)]


def run(program: list[str], args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(program + args, cwd=work, capture_output=True, timeout=300)


def sheets(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml")}


failures = 0
cases = [
    ("score", ["score", "школа.json", "--format", "json"], None),
    ("batch, a Cyrillic file name", ["batch", "школы 2024.csv", "--format", "csv"], None),
    ("template --format xlsx", ["template", "index-2023", "--format", "xlsx", "-o", "{out}.xlsx"], "{out}.xlsx"),
    ("plan show --format html", ["plan", "show", "план.json", "--view", "completion", "--as-of", "2024-12-15", "--format", "html"], None),
    ("Russian on the console", ["plan", "show", "план.json", "--view", "completion", "--as-of", "2024-12-15"], None),
]
for name, args, out in cases:
    results = []
    for tag, program in (("windows", WINE), ("linux", [str(linux)])):
        a = [x.replace("{out}", tag) for x in args]
        r = run(program, a)
        if out is None:
            results.append((r.returncode, r.stdout))
        else:
            path = work / out.replace("{out}", tag)
            results.append((r.returncode, sheets(path) if path.exists() else None))
    (wc, wout), (lc, lout) = results
    same = wc == lc == 0 and wout == lout and wout
    print(f"{'ok' if same else 'FAIL'}: {name} (exit {wc} / {lc})")
    if not same:
        failures += 1
        print("  windows:", str(wout)[:300])
        print("  linux:  ", str(lout)[:300])
text = run(WINE, ["plan", "show", "план.json", "--view", "completion", "--as-of", "2024-12-15"]).stdout.decode("utf-8")
if "Выполнение плана ВСОКО" not in text:
    failures += 1
    print("FAIL: the Windows build's Russian output is not UTF-8 text")
sys.exit(1 if failures else 0)
