"""The README's Python quick start runs (its lines that use a frame or a report dict are skipped)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[3] / "README.md"


def test_readme_python_blocks_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The README's paths are relative to the repository root.
    monkeypatch.chdir(README.parent)
    blocks = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), re.S)
    assert blocks, "the README has a Python quick start"
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})
