"""The rating and the self-diagnosis from a frame, against fixtures/rating/expected_*.json and
fixtures/selfdiag/expected_*.json (computed by each folder's reference.py from the rules, not by
vsoko)."""

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import vsoko

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
RATING = FIXTURES / "rating"
SELFDIAG = FIXTURES / "selfdiag"


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _as_json(x):
    if isinstance(x, Decimal):
        return str(x)
    if isinstance(x, dict):
        return {k: _as_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_as_json(v) for v in x]
    return x


def _methodology() -> vsoko.Methodology:
    return vsoko.Methodology.from_json((RATING / "methodology.json").read_text(encoding="utf-8"))


def _schools() -> pd.DataFrame:
    return pd.read_csv(RATING / "schools.csv", dtype=str, keep_default_na=False)


def _is_decimal(column: pd.Series) -> bool:
    return len(column) > 0 and all(isinstance(v, Decimal) for v in column)


def test_rating_by_the_total_equals_the_reference() -> None:
    r = vsoko.rating(_schools(), _methodology(), relative=True, context=["location", "social_index"], bands=2)
    want = _load(RATING / "expected_total.json")
    got = r.to_dict()
    assert list(got) == ["measure", "units", "municipalities", "regions", "resilient"]
    assert _as_json(got) == want
    assert r.measure == "total"
    # The frames hold the same rows, their columns the JSON keys in order.
    for name in ("units", "municipalities", "regions", "resilient"):
        frame = getattr(r, name)
        assert list(frame.columns) == list(want[name][0]), name
        assert _as_json(frame.astype(object).where(frame.notna(), None).to_dict("records")) == want[name]
    for column in ("value", "points", "percentile"):
        assert _is_decimal(r.units[column]), column
    for column in ("value", "points"):
        assert _is_decimal(r.municipalities[column]) and _is_decimal(r.regions[column]), column
    assert _is_decimal(r.resilient["value"])
    assert pd.api.types.is_integer_dtype(r.units["place"])
    assert pd.api.types.is_integer_dtype(r.units["place_in_municipality"])
    assert pd.api.types.is_integer_dtype(r.municipalities["place"])
    assert list(r.units["place"][:4]) == [1, 2, 2, 4]  # the tie at 29.5
    assert list(r.resilient["school"]) == ["СОШ с. Озёрное", "СОШ № 4", "СОШ № 5"]


def test_rating_by_a_relative_mean_equals_the_reference() -> None:
    with pytest.warns(UserWarning, match="столбец «social_index» не показатель методики rating-example"):
        r = vsoko.rating(_schools(), _methodology(), relative=True, relative_total="mean", context=["location"], bands=4)
    assert _as_json(r.to_dict()) == _load(RATING / "expected_relative_mean.json")
    assert r.measure == "total/relative-mean"


@pytest.mark.filterwarnings("ignore:столбец")
def test_rating_without_relative_points_has_empty_ones() -> None:
    r = vsoko.rating(_schools(), _methodology(), by="A", relative_total="sum")
    assert _as_json(r.to_dict()) == _load(RATING / "expected_a_relative_sum.json")
    assert r.units["points"].isna().all() and r.units["place_in_group"].isna().all()
    assert r.resilient.empty and list(r.resilient.columns) == ["school", "municipality", "context", "value"]


def test_rating_of_row_dicts_warns_about_an_unused_column() -> None:
    rows = _schools().assign(comment="—").to_dict("records")
    with pytest.warns(UserWarning) as caught:
        r = vsoko.rating(rows, _methodology(), by="B.2", relative=True, context=["location"], bands=4)
    assert [str(w.message) for w in caught] == [
        f"столбец «{c}» не показатель методики rating-example и не указан в context: не учтён"
        for c in ("social_index", "comment")
    ]
    assert _as_json(r.to_dict()) == _load(RATING / "expected_b2.json")


@pytest.mark.filterwarnings("ignore:столбец")
def test_a_row_that_cannot_be_scored_raises_with_its_position() -> None:
    df = _schools()
    df.loc[3, "A.1"] = "много"
    with pytest.raises(vsoko.InputError) as e:
        vsoko.rating(df, _methodology())
    assert e.value.index == 3 and e.value.indicator == "A.1"
    df = _schools()
    df.loc[5, "location"] = ""
    with pytest.raises(vsoko.InputError, match="location") as e:
        vsoko.rating(df, _methodology(), context=["location"])
    assert e.value.index == 5
    with pytest.raises(vsoko.InputError, match="нет"):
        vsoko.rating(_schools(), _methodology(), context=["нет"])
    with pytest.raises(ValueError, match="relative_total"):
        vsoko.rating(_schools(), _methodology(), relative_total="median")


def _selfdiag_frame() -> pd.DataFrame:
    return pd.read_csv(SELFDIAG / "schools.csv", dtype=str, keep_default_na=False)


def test_selfdiag_of_a_table_equals_the_reference() -> None:
    r = vsoko.selfdiag(_selfdiag_frame(), SELFDIAG / "example.json")
    want = _load(SELFDIAG / "expected_schools.json")
    assert _as_json(r.to_dict()) == want
    schools = r["schools"]
    directions = [d["id"] for d in want["schools"][0]["directions"]]
    assert list(schools.columns) == [
        "school",
        "municipality",
        "total",
        "max",
        "level",
        "level_title",
        "passed",
        "critical_failed",
        "weakest",
        *directions,
    ]
    assert list(schools["school"]) == [s["school"] for s in want["schools"]]
    assert [str(v) for v in schools["total"]] == [s["total"] for s in want["schools"]]
    assert list(schools["passed"]) == [s["passed"] for s in want["schools"]]
    assert list(schools["critical_failed"]) == [s["critical_failed"] for s in want["schools"]]
    assert list(schools["weakest"]) == [s["weakest"] for s in want["schools"]]
    for d in directions:
        assert _is_decimal(schools[d])
        assert [str(v) for v in schools[d]] == [
            next(x["points"] for x in s["directions"] if x["id"] == d) for s in want["schools"]
        ]
    assert _is_decimal(schools["total"]) and _is_decimal(schools["max"])
    assert _as_json(r["summary"]) == want["summary"]
    assert list(r.summary["levels"]) == list(want["summary"]["levels"])
    assert list(r.diagnoses[0]) == list(want["schools"][0])
    assert isinstance(r.summary["passed_pct"], Decimal)
    levels = r["levels"]
    ids = list(want["summary"]["levels"])
    assert list(levels.columns) == ["municipality", "schools", "passed", "passed_pct", *ids]
    assert [
        {**{c: row[c] for c in ["municipality", "schools", "passed"]}, "passed_pct": str(row["passed_pct"]), "levels": {i: row[i] for i in ids}}
        for row in levels.to_dict("records")
    ] == want["summary"]["municipalities"]
    assert _is_decimal(levels["passed_pct"])


@pytest.mark.parametrize("case", ["medium", "critical", "boarding"])
def test_selfdiag_of_one_school_equals_the_reference(case: str) -> None:
    answers = _load(SELFDIAG / f"answers_{case}.json")
    definition = (SELFDIAG / "example.json").read_text(encoding="utf-8")
    for given in (definition, json.loads(definition), str(SELFDIAG / "example.json")):
        got = vsoko.selfdiag(answers, given)
        assert _as_json(got) == _load(SELFDIAG / f"expected_{case}.json")
        assert isinstance(got["total"], Decimal) and isinstance(got["directions"][0]["points"], Decimal)


def test_selfdiag_bad_answer_raises_with_the_row_and_column() -> None:
    df = _selfdiag_frame()
    df.loc[2, "U1"] = "Иногда"
    with pytest.raises(vsoko.InputError, match="U1") as e:
        vsoko.selfdiag(df, SELFDIAG / "example.json")
    assert e.value.index == 2 and "position 2" in e.value.message
    answers = _load(SELFDIAG / "answers_medium.json")
    answers["answers"]["K1"] = "Иногда"
    with pytest.raises(vsoko.InputError, match="K1"):
        vsoko.selfdiag(answers, SELFDIAG / "example.json")
