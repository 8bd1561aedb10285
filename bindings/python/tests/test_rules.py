"""Raw inputs → points from Python: the built-in nok-2019 over a frame and a custom version-2
methodology with yes/no. Expected totals come from fixtures/nok/reference.py (written from
DOMAIN §6, not from vsoko)."""

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import vsoko

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def test_nok_frame_gives_the_reference_totals() -> None:
    df = pd.read_csv(FIXTURES / "nok" / "organisations.csv")
    expected = json.loads((FIXTURES / "nok" / "expected.json").read_text(encoding="utf-8"))
    out = vsoko.score_frame(df, methodology="nok-2019", strict=True)
    assert {s: out.loc[s, "total"] for s in out.index} == {s: Decimal(w["total"]) for s, w in expected.items()}
    k3 = {s: w["criteria"]["3"] for s, w in expected.items()}
    assert all(out.loc[s, "3"] == Decimal(v) for s, v in k3.items() if v is not None)


def test_inputs_and_how_in_the_result() -> None:
    m = vsoko.Methodology.builtin("nok-2019")
    assert [i["id"] for i in m.inputs][:2] == ["1.1.stand_placed", "1.1.stand_required"]
    channels = next(i for i in m.inputs if i["id"] == "1.2.channels")
    assert (channels["kind"], channels["max"], channels["indicators"]) == ("count", Decimal(5), ["1.2"])
    r = m.score({"2.3.yes": 12, "2.3.of": 15})
    ind = next(i for i in r.indicators if i["id"] == "2.3")
    assert ind["points"] == Decimal(80) and ind["how"] == "12 / 15 × 100 = 80"
    assert ind["inputs"] == [
        {"id": "2.3.yes", "value": Decimal(12), "status": "scored"},
        {"id": "2.3.of", "value": Decimal(15), "status": "scored"},
    ]


def test_yes_no_inputs_take_bools_and_words() -> None:
    m = vsoko.Methodology.from_json(json.dumps({
        "format_version": 2, "id": "site", "title": "Сайт",
        "inputs": [{"id": "site", "kind": "yes_no"}],
        "groups": [{"id": "A", "kind": "criterion", "title": None, "indicators": [
            {"id": "A.1", "title": None, "cap": "5", "rule": {"type": "yes_no", "input": "site"}}]}],
    }))
    assert m.score({"site": True}).total == Decimal(5)
    assert m.score({"site": "нет"}).total == Decimal(0)
    frame = vsoko.score_frame(pd.DataFrame({"school": ["А", "Б"], "site": [True, False]}), methodology=m)
    assert list(frame["total"]) == [Decimal(5), Decimal(0)]
    with pytest.raises(vsoko.InputError) as err:
        m.score({"site": 2})
    assert (err.value.code, err.value.indicator) == ("invalid_value", "site")


def test_a_result_of_raw_inputs_pickles_exactly() -> None:
    import pickle

    m = vsoko.Methodology.builtin("nok-2019")
    r = m.score({"2.3.yes": 12, "2.3.of": 15, "3.3.yes": 0, "3.3.of": 0, "1.2.channels": 2})
    again = pickle.loads(pickle.dumps(r))
    assert (again.total, again.not_applicable, again.to_dict()) == (r.total, r.not_applicable, r.to_dict())
    custom = vsoko.Methodology.from_json(json.dumps({
        "format_version": 2, "id": "site", "title": "Сайт",
        "inputs": [{"id": "site", "kind": "yes_no"}],
        "groups": [{"id": "A", "kind": "criterion", "title": None, "indicators": [
            {"id": "A.1", "title": None, "cap": "5", "rule": {"type": "yes_no", "input": "site"}}]}],
    }))
    assert pickle.loads(pickle.dumps(custom.score({"site": "да"}))).total == Decimal(5)


def test_an_invalid_methodology_lists_its_problems_as_diagnostics() -> None:
    with pytest.raises(vsoko.MethodologyError) as err:
        vsoko.Methodology.from_json(json.dumps({
            "format_version": 2, "id": "bad", "title": "Плохая",
            "groups": [{"id": "A", "kind": "criterion", "title": None,
                        "aggregation": {"type": "weighted_sum", "weights": {"A.1": "0"}},
                        "indicators": [{"id": "A.1", "title": None, "cap": "5",
                                        "rule": {"type": "share", "yes": "x", "of": "y"}}]}],
        }))
    codes = sorted(p["code"] for p in err.value.problems)
    assert codes == ["not_positive", "unknown_input", "unknown_input"]
    assert all(set(p) == {"code", "path", "message", "message_ru"} for p in err.value.problems)
    assert "входные данные «x»" in err.value.message_ru
