"""Shared helpers: the repository's fixtures/ folder, read by the Rust and JS tests too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def school_cases(methodology: str):
    folder = FIXTURES / "schools" / methodology
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".expected.json"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
