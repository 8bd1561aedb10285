"""The shared golden cases give the same results as in Rust."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import vsoko
from conftest import FIXTURES, load, school_cases


class _Pairs(list):
    """A JSON object read as its (key, value) pairs, so a repeated key stays visible."""


def _strict_json(text: str):
    """Like the core: no NaN literals, numbers read exactly (``3.00000000000000001`` is not
    ``3.0``), and a repeated key is kept visible."""

    def reject(name: str):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=reject, parse_float=Decimal, object_pairs_hook=_Pairs)


@pytest.mark.parametrize("methodology", ["index-2023", "nocko-1547"])
def test_builtin_cases(methodology: str) -> None:
    cases = school_cases(methodology)
    assert cases
    for path in cases:
        doc = load(path)
        want = load(path.with_name(path.name.replace(".json", ".expected.json")))
        r = vsoko.score(doc["values"], methodology=doc.get("methodology", methodology))
        assert r.total == Decimal(want["total"]), path.name
        assert r.max == Decimal(want["max"]), path.name
        assert r.level == want["level"], path.name
        assert r.missing == want["missing"], path.name
        assert r.not_applicable == want["not_applicable"], path.name
        for g in r.groups:
            assert g["points"] == Decimal(want["groups"][g["id"]]["points"]), (path.name, g["id"])
            assert g["max"] == Decimal(want["groups"][g["id"]]["max"]), (path.name, g["id"])
        # The JSON form is the CLI's: decimals as strings.
        assert json.loads(r.to_json())["total"] == want["total"]


def test_custom_methodology_cases() -> None:
    m = vsoko.Methodology.from_json((FIXTURES / "methodologies" / "school_custom.json").read_text("utf-8"))
    for path in school_cases("custom"):
        want = load(path.with_name(path.name.replace(".json", ".expected.json")))
        r = m.score(load(path)["values"])
        assert (str(r.total), r.level) == (want["total"], want["level"]), path.name


def test_bad_inputs_give_their_codes() -> None:
    seen = set()
    for case in load(FIXTURES / "bad_inputs.json"):
        text = (FIXTURES / case["file"]).read_text("utf-8")
        try:
            doc = _strict_json(text) if text.strip() else None
        except ValueError:
            doc = None  # malformed JSON: the Python caller never gets as far as vsoko
        if not isinstance(doc, _Pairs):
            continue  # not an object: the caller's JSON layer rejects it
        top = dict(doc)
        values = top.get("values")
        if not isinstance(values, _Pairs) or set(top) - {"methodology", "school", "period", "values"}:
            continue
        keys = [k for k, _ in values]
        if len(keys) != len(set(keys)):
            continue  # duplicates cannot reach vsoko through a dict
        methodology = case["methodology"] or top.get("methodology") or "index-2023"
        bad = dict(values).get(case["indicator"])
        if isinstance(bad, (list, dict)):
            # In JSON a wrong type is an invalid value; in Python it is a TypeError (a bool is a
            # yes/no answer, an invalid value for an indicator given in points, as in JSON).
            with pytest.raises(TypeError, match=case["indicator"]):
                vsoko.score(dict(values), methodology=methodology, strict=case["strict"])
            continue
        with pytest.raises(vsoko.VsokoError) as err:
            vsoko.score(dict(values), methodology=methodology, strict=case["strict"])
        assert err.value.code == case["code"], case["file"]
        assert err.value.indicator == case["indicator"], case["file"]
        seen.add(case["code"])
    assert {
        "unknown_methodology",
        "unknown_indicator",
        "invalid_value",
        "value_out_of_range",
        "not_applicable_forbidden",
        "missing_indicator",
    } <= seen


def test_bad_methodologies() -> None:
    for case in load(FIXTURES / "bad_methodologies.json"):
        text = (FIXTURES / case["file"]).read_bytes()
        with pytest.raises(vsoko.VsokoError) as err:
            vsoko.Methodology.from_json(text)
        assert err.value.code == case["code"], case["file"]
        if case["problems"] is not None:
            assert len(err.value.problems) == case["problems"], case["file"]
            assert isinstance(err.value, vsoko.MethodologyError)
